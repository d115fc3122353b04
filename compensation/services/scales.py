"""Pay scales: drafted by the HR office, checked against the jurisdiction's floor and tier gap, approved by a
supervisor who did not draft them (and, where the text names one, with the outside body's approval on
record)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from auxpolice.core.models import Agency
from auxpolice.core.scoping import Action, can
from auxpolice.rules.decision import Decision
from auxpolice.rules.evaluators import grading
from auxpolice.rules.evaluators import pay as pay_rules
from auxpolice.rules.guards import refuse_unless_allowed
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings, ancestor_paths
from personnel.models import AuxiliaryOfficer, OfficerStatus

from ..models import PayScale, PayScaleLine, PayStatistic, ScaleStatus

TWELVE = Decimal(12)


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (ArithmeticError, ValueError):
        raise DomainError(_("Enter an amount in yuan, e.g. 3200.00."), field=field) from None
    if amount < 0:
        raise DomainError(_("Amounts cannot be negative."), field=field)
    return amount


@transaction.atomic
def statistic_record(*, actor, agency: Agency, kind: str, year: int, amount, source: str) -> PayStatistic:
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if kind not in PayStatistic.Kind.values:
        raise DomainError(_("Choose a statistic."), field="kind")
    if not source.strip():
        raise DomainError(_("Give the source: the bulletin and who published it."), field="source")
    amount = _money(amount, "amount")
    if amount <= 0:
        raise DomainError(_("Enter the published amount."), field="amount")
    statistic, _created = PayStatistic.objects.update_or_create(
        agency=agency,
        kind=kind,
        year=year,
        defaults={"amount": amount, "source": source.strip(), "entered_by": actor},
    )
    return statistic


def statistic_for(agency: Agency, kind: str, year: int) -> PayStatistic | None:
    """The nearest agency's figure for the year (a county's own, else its city's, else the province's)."""
    rows = PayStatistic.objects.filter(
        agency__path__in=ancestor_paths(agency), kind=kind, year=year
    ).select_related("agency")
    return max(rows, key=lambda row: len(row.agency.path), default=None)


@dataclass(frozen=True)
class ScaleInput:
    effective_from: date
    base_monthly: Decimal
    tier_pay: dict[str, Decimal]
    post_allowances: dict[str, tuple[Decimal, bool]]  # post -> (amount, hazardous)
    performance: dict[str, Decimal]  # grade -> monthly amount


def _guaranteed_annual(scale: ScaleInput, tiers: list[str]) -> Decimal:
    lowest = min((scale.tier_pay.get(tier, Decimal(0)) for tier in tiers), default=Decimal(0))
    return TWELVE * (scale.base_monthly + lowest)


def _average_annual(agency: Agency, scale: ScaleInput, tiers: list[str]) -> Decimal:
    """Average fixed pay over the people in post in the subtree (performance pay left out: it depends on
    results, so the check errs on the safe side). Without people, the lowest tier's pay."""
    groups = (
        AuxiliaryOfficer.objects.filter(agency__path__startswith=agency.path)
        .exclude(status=OfficerStatus.SEPARATED)
        .values("tier", "post")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total, people = Decimal(0), 0
    for group in groups:
        monthly = (
            scale.base_monthly
            + scale.tier_pay.get(group["tier"], Decimal(0))
            + scale.post_allowances.get(group["post"], (Decimal(0), False))[0]
        )
        total += TWELVE * monthly * group["n"]
        people += group["n"]
    if not people:
        return _guaranteed_annual(scale, tiers)
    return (total / people).quantize(Decimal("0.01"))


def scale_check(agency: Agency, scale: ScaleInput) -> Decision:
    """Every finding for a scale: tier pay for each of the agency's tiers, the tier gap, the pay floor."""
    pack = pack_for(agency.jurisdiction, scale.effective_from)
    try:
        tiers = grading.tiers(agency_settings(agency))
    except grading.SchemeMissing as missing:
        raise DomainError(str(missing), field="tier_pay", code="setting_missing:tiers") from None
    missing_tiers = [tier for tier in tiers if tier not in scale.tier_pay]
    if missing_tiers:
        raise DomainError(
            _("Give the pay of every tier (tiers are linked to pay): %(tiers)s.")
            % {"tiers": "、".join(missing_tiers)},
            field="tier_pay",
        )
    gap = pay_rules.tier_gap(pack, [(tier, scale.tier_pay[tier]) for tier in tiers])
    rule = pay_rules.floor_rule(pack)
    statistic = (
        statistic_for(agency, rule.statistic, scale.effective_from.year - 1) if rule.statistic else None
    )
    pay = (
        _average_annual(agency, scale, tiers)
        if rule.measure == "average"
        else _guaranteed_annual(scale, tiers)
    )
    floor = pay_rules.floor_check(
        pack,
        pay=pay,
        statistic=statistic.amount if statistic else None,
        source=f"{statistic.source}，{statistic.agency.name}" if statistic else "",
    )
    return Decision.combine([*gap.findings, *floor.findings], data=floor.data)


def _finding_text(decision: Decision) -> str:
    return "\n".join(
        f"{f.message}（{'；'.join(c.label_zh for c in f.citations)}）" if f.citations else f.message
        for f in decision.findings
    )


@transaction.atomic
def scale_draft(*, actor, agency: Agency, scale: ScaleInput) -> PayScale:
    """Save a draft after checking it: a scale below the floor or without the tier gap is refused at once,
    with the citation and the numbers; nothing is saved."""
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    scale = ScaleInput(
        scale.effective_from,
        _money(scale.base_monthly, "base_monthly"),
        {k: _money(v, "tier_pay") for k, v in scale.tier_pay.items()},
        {k: (_money(v, "post_allowances"), bool(h)) for k, (v, h) in scale.post_allowances.items()},
        {k: _money(v, "performance") for k, v in scale.performance.items()},
    )
    decision = scale_check(agency, scale)
    refuse_unless_allowed(decision, field="base_monthly")
    record = PayScale(
        agency=agency,
        effective_from=scale.effective_from,
        base_monthly=scale.base_monthly,
        floor_finding=_finding_text(decision),
        created_by=actor,
    )
    authored(record, actor)
    record.save()
    lines = [
        PayScaleLine(scale=record, kind=PayScaleLine.Kind.TIER, key=k, monthly=v)
        for k, v in scale.tier_pay.items()
    ]
    lines += [
        PayScaleLine(scale=record, kind=PayScaleLine.Kind.POST, key=k, monthly=v, hazardous=h)
        for k, (v, h) in scale.post_allowances.items()
    ]
    lines += [
        PayScaleLine(scale=record, kind=PayScaleLine.Kind.PERFORMANCE, key=k, monthly=v)
        for k, v in scale.performance.items()
    ]
    from simple_history.utils import bulk_create_with_history

    bulk_create_with_history(lines, PayScaleLine, default_user=actor)
    return record


def scale_input_of(scale: PayScale) -> ScaleInput:
    lines = list(scale.lines.all())
    return ScaleInput(
        scale.effective_from,
        scale.base_monthly,
        {line.key: line.monthly for line in lines if line.kind == PayScaleLine.Kind.TIER},
        {line.key: (line.monthly, line.hazardous) for line in lines if line.kind == PayScaleLine.Kind.POST},
        {line.key: line.monthly for line in lines if line.kind == PayScaleLine.Kind.PERFORMANCE},
    )


def scale_approve(*, actor, scale: PayScale, approval_reference: str = "") -> PayScale:
    """A supervisor who did not draft it approves; the floor is checked again with today's statistics."""
    with transaction.atomic():
        scale = PayScale.objects.select_for_update().select_related("agency").get(pk=scale.pk)
        if not can(actor, Action.APPROVE, scale.agency):
            raise NotPermitted()
        if scale.status != ScaleStatus.DRAFT:
            raise Conflict(_("This scale has already been approved."))
        if scale.created_by_id == actor.pk:
            raise NotPermitted(_("The person who drafted a scale cannot approve it."))
        body, citations = pay_rules.approver(pack_for(scale.agency.jurisdiction, scale.effective_from))
        if body and not approval_reference.strip():
            raise DomainError(
                _("%(body)s: give the approval's document number (%(article)s).")
                % {"body": body, "article": "；".join(c.label_zh for c in citations)},
                field="approval_reference",
                code="approval_reference_required",
            )
        decision = scale_check(scale.agency, scale_input_of(scale))
        refuse_unless_allowed(decision)
        scale.status, scale.approved_by, scale.approved_at = ScaleStatus.APPROVED, actor, timezone.now()
        scale.approval_reference = approval_reference.strip()
        scale.floor_finding = _finding_text(decision)
        authored(scale, actor)
        try:
            with transaction.atomic():
                scale.save()
        except IntegrityError:
            raise Conflict(
                _("An approved scale already takes effect on that date for this agency.")
            ) from None
    return scale


def scale_in_force(agency: Agency, on: date) -> PayScale | None:
    """The approved scale for the agency on a date: the nearest agency's, its latest version in force."""
    rows = PayScale.objects.filter(
        agency__path__in=ancestor_paths(agency), status=ScaleStatus.APPROVED, effective_from__lte=on
    ).select_related("agency")
    return max(rows, key=lambda row: (len(row.agency.path), row.effective_from), default=None)
