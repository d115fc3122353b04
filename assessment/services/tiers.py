"""Tiers: initial grading, promotion by selection where allowed, confirming what a cycle proposes, and
applying changes on the day they take effect. A tier is a grade linked to pay; it gives no authority over
anyone."""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored, snapshot_history
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.scoping import Action, can, scope
from auxpolice.rules.evaluators import grading
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings
from personnel.models import AuxiliaryOfficer, OfficerStatus

from ..models import AssessmentCycle, Consequence, ConsequenceKind, ConsequenceStatus, CycleStatus, TierChange

CHUNK = 5000
TIER_KINDS = (ConsequenceKind.PROMOTION, ConsequenceKind.DEMOTION)


def tier_scheme(officer: AuxiliaryOfficer) -> list[str]:
    try:
        return grading.tiers(agency_settings(officer.agency))
    except grading.SchemeMissing as missing:
        raise DomainError(str(missing), field="to_tier", code="setting_missing:tiers") from None


def tier_scheme_for_agency(agency) -> list[str]:
    """The agency's tiers, lowest first, or [] where it has not set them."""
    try:
        return grading.tiers(agency_settings(agency))
    except grading.SchemeMissing:
        return []


@transaction.atomic
def tier_assign(
    *,
    actor,
    officer: AuxiliaryOfficer,
    to_tier: str,
    mode: str,
    basis: str,
    effective_on: date,
    today: date | None = None,
) -> TierChange:
    """Initial grading of someone without a tier, or promotion by selection (选拔晋升) where the text names it
    (Inner Mongolia art 36.1) or the agency allows it. Promotion by assessment only comes from a cycle."""
    today = today or timezone.localdate()
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.APPROVE, officer.agency):
        raise NotPermitted()
    if officer.status == OfficerStatus.SEPARATED:
        raise DomainError(_("This person has left."), code="separated")
    tiers = tier_scheme(officer)
    if to_tier not in tiers:
        raise DomainError(
            _("Choose one of the agency's tiers: %(tiers)s.") % {"tiers": "、".join(tiers)}, field="to_tier"
        )
    if not basis.strip():
        raise DomainError(_("Give the basis: the decision and where it is written."), field="basis")
    basis = basis.strip()
    if mode == TierChange.Mode.INITIAL:
        if officer.tier:
            raise DomainError(
                _("This person already has a tier; tiers change by assessment or selection."), field="mode"
            )
    elif mode == TierChange.Mode.BY_SELECTION:
        pack = pack_for(officer.agency.jurisdiction, effective_on)
        modes, citations = grading.promotion_modes(pack, agency_settings(officer.agency))
        if grading.BY_SELECTION not in modes:
            raise DomainError(
                _(
                    "%(text)s names no promotion by selection and the agency has not adopted it "
                    "(agency setting tier_promotion_modes)."
                )
                % {"text": pack.short_zh},
                field="mode",
                code="selection_not_allowed",
            )
        if officer.tier not in tiers or tiers.index(to_tier) <= tiers.index(officer.tier):
            raise DomainError(
                _("Promotion by selection moves a graded person to a higher tier."), field="to_tier"
            )
        if citations:
            basis = f"{basis}（{'；'.join(c.label_zh for c in citations)}）"
    else:
        raise DomainError(_("Choose initial grading or promotion by selection."), field="mode")
    change = TierChange(
        officer=officer,
        from_tier=officer.tier,
        to_tier=to_tier,
        mode=mode,
        basis=basis,
        effective_on=effective_on,
        decided_by=actor,
    )
    authored(change, actor)
    change.save()
    if effective_on <= today:
        _apply([change.pk], user=actor)
    return change


def _apply(change_ids: list[int], *, user) -> int:
    """Move people to their new tier; each change applies once (applied_at), the record keeps its history."""
    changes = list(
        TierChange.objects.select_for_update()
        .filter(pk__in=change_ids, applied_at__isnull=True)
        .values_list("pk", "officer_id", "to_tier", "effective_on")
    )
    by_target: dict[tuple[str, date], list[int]] = defaultdict(list)
    for _pk, officer_id, to_tier, effective_on in changes:
        by_target[(to_tier, effective_on)].append(officer_id)
    for (to_tier, effective_on), officer_ids in by_target.items():
        AuxiliaryOfficer.objects.filter(pk__in=officer_ids).update(tier=to_tier, tier_since=effective_on)
        snapshot_history(AuxiliaryOfficer, officer_ids, user=user, reason="层级变动")
    applied = [row[0] for row in changes]
    TierChange.objects.filter(pk__in=applied).update(applied_at=timezone.now())
    snapshot_history(TierChange, applied, user=user)
    return len(applied)


def apply_due(today: date | None = None) -> int:
    """Daily: apply the tier changes that take effect today or earlier. Running it twice applies nothing
    twice."""
    today = today or timezone.localdate()
    total = 0
    while True:
        with transaction.atomic():
            due = list(
                TierChange.objects.filter(applied_at__isnull=True, effective_on__lte=today)
                .order_by("pk")
                .values_list("pk", flat=True)[:CHUNK]
            )
            if not due:
                return total
            total += _apply(due, user=None)


def _proposals(actor, cycle: AssessmentCycle, ids, kind: str | None):
    if cycle.status != CycleStatus.CLOSED:
        raise DomainError(_("Consequences are decided once the cycle is closed."), code="cycle_not_closed")
    rows = scope(
        Consequence.objects.filter(cycle=cycle, status=ConsequenceStatus.PROPOSED), actor, Action.APPROVE
    )
    if kind:
        rows = rows.filter(kind=kind)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows


def consequences_confirm(
    *,
    actor,
    cycle: AssessmentCycle,
    effective_on: date,
    ids: list[int] | None = None,
    kind: str | None = None,
    today: date | None = None,
) -> dict[str, int]:
    """Confirm proposals in bulk (the selected ones, or every one of a kind); tier changes take effect on
    `effective_on`. A tier proposal whose person has since changed tier is not applied but marked stale."""
    today = today or timezone.localdate()
    if not (
        can(actor, Action.APPROVE, cycle.agency)
        or scope(Consequence.objects.filter(cycle=cycle), actor, Action.APPROVE).exists()
    ):
        raise NotPermitted()
    if effective_on.year < cycle.year:
        raise DomainError(_("Consequences take effect after the year assessed."), field="effective_on")
    counts = {"confirmed": 0, "stale": 0}
    pks = list(_proposals(actor, cycle, ids, kind).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), CHUNK):
        with transaction.atomic():
            rows = list(
                Consequence.objects.select_for_update()
                .filter(pk__in=pks[start : start + CHUNK], status=ConsequenceStatus.PROPOSED)
                .values_list(
                    "pk", "kind", "officer_id", "from_tier", "to_tier", "grade", "basis", "officer__tier"
                )
            )
            stale = [r[0] for r in rows if r[1] in TIER_KINDS and r[3] != r[7]]
            confirmed = [r for r in rows if r[0] not in set(stale)]
            now = timezone.now()
            Consequence.objects.filter(pk__in=stale).update(
                status=ConsequenceStatus.STALE, decided_by=actor, decided_at=now
            )
            Consequence.objects.filter(pk__in=[r[0] for r in confirmed]).update(
                status=ConsequenceStatus.CONFIRMED,
                effective_on=effective_on,
                decided_by=actor,
                decided_at=now,
            )
            snapshot_history(Consequence, [r[0] for r in rows], user=actor)
            changes = TierChange.objects.bulk_create(
                [
                    TierChange(
                        officer_id=r[2],
                        from_tier=r[3],
                        to_tier=r[4],
                        mode=TierChange.Mode.BY_ASSESSMENT,
                        basis=f"{cycle.year}年度考核{r[5]}；{r[6]}",
                        effective_on=effective_on,
                        consequence_id=r[0],
                        decided_by=actor,
                    )
                    for r in confirmed
                    if r[1] in TIER_KINDS
                ]
            )
            snapshot_history(TierChange, [c.pk for c in changes], user=actor, history_type="+")
            if effective_on <= today:
                _apply([c.pk for c in changes], user=actor)
            counts["confirmed"] += len(confirmed)
            counts["stale"] += len(stale)
    return counts


@transaction.atomic
def consequences_reject(*, actor, cycle: AssessmentCycle, ids: list[int]) -> int:
    pks = list(_proposals(actor, cycle, ids, None).values_list("pk", flat=True))
    Consequence.objects.filter(pk__in=pks).update(
        status=ConsequenceStatus.REJECTED, decided_by=actor, decided_at=timezone.now()
    )
    snapshot_history(Consequence, pks, user=actor)
    return len(pks)
