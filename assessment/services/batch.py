"""Cycle-wide work for a whole subtree (a province: 100,000 people): opening, publishing and closing.

Opening and closing run in Celery in slices side by side (auxpolice.core.slices: one task per slice of people,
each written exactly once in one transaction): a crashed run resumes with the slices not yet done, and a
finished one does nothing when run again.
"""

from datetime import date

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core import slices
from auxpolice.core.audit import authored, snapshot_history
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import Agency, BatchSlice
from auxpolice.core.scoping import Action, can, scope
from auxpolice.rules.evaluators import grading
from auxpolice.rules.selectors import agency_settings
from personnel.models import AuxiliaryOfficer, ContractStatus, LaborContract, OfficerStatus

from ..models import Assessment, AssessmentCycle, AssessmentStatus, Consequence, ConsequenceKind, CycleStatus

CHUNK = 5000  # rows per statement in the bulk review and publish
OPENING, CLOSING = "assessment_open", "assessment_close"


def _progress(cycle_id: int, **fields) -> None:
    AssessmentCycle.record_progress(cycle_id, **fields)


def _eligible_officers(cycle: AssessmentCycle, piece: BatchSlice | None = None):
    """People in post in the subtree not yet assessed for the year (within a slice, when given: the check of
    existing assessments is bounded to the slice's people too, so it reads the (officer, year) index for
    them whatever the planner believes about a table that is filling up as the cycle opens)."""
    people = AuxiliaryOfficer.objects.filter(
        agency__path__startswith=cycle.agency.path, hired_on__lte=date(cycle.year, 12, 31)
    ).exclude(status=OfficerStatus.SEPARATED)
    assessed = Assessment.objects.filter(officer=OuterRef("pk"), year=cycle.year)
    if piece is not None:
        people, assessed = slices.within(people, piece), slices.within(assessed, piece, key="officer_id")
    return people.exclude(Exists(assessed))


def plan_opening(cycle: AssessmentCycle) -> None:
    """In the transaction that creates the cycle: slices of the people to assess."""
    total = slices.plan(OPENING, cycle.pk, _eligible_officers(cycle).filter(pk__gt=cycle.job_cursor))
    _progress(cycle.pk, job_total=cycle.job_done + total)


def open_queue(cycle_id: int) -> AssessmentCycle:
    """The opening task: queue a task per slice not yet done, or mark the cycle open when none is left."""
    from ..tasks import open_cycle_slice

    with transaction.atomic():
        cycle = (
            AssessmentCycle.objects.select_for_update().select_related("agency", "opened_by").get(pk=cycle_id)
        )
        if cycle.status == CycleStatus.OPENING:
            if not slices.planned(OPENING, cycle.pk):  # a run queued before it had slices
                plan_opening(cycle)
            if not slices.queue(OPENING, cycle.pk, open_cycle_slice):
                _opened(cycle)
    return cycle


def open_slice(cycle_id: int, number: int) -> None:
    """One pending assessment for each person of the slice still to be assessed."""
    with transaction.atomic():
        piece = slices.claim(OPENING, cycle_id, number)
        if piece is None:
            return
        cycle = AssessmentCycle.objects.select_related("agency", "opened_by").get(pk=cycle_id)
        if cycle.status != CycleStatus.OPENING:
            return
        people = list(_eligible_officers(cycle, piece).values_list("pk", "agency_id"))
        created = Assessment.objects.bulk_create(
            [
                Assessment(cycle=cycle, officer_id=pk, agency_id=agency_id, year=cycle.year)
                for pk, agency_id in people
            ]
        )
        snapshot_history(Assessment, [a.pk for a in created], user=cycle.opened_by, history_type="+")
        if slices.complete(
            piece, items=len(people), progress=lambda n: _progress(cycle.pk, job_done=F("job_done") + n)
        ):
            _opened(cycle)


def open_chunks(cycle_id: int) -> AssessmentCycle:
    """Every opening slice not yet done, one after the other in this process; the same work as the tasks."""
    slices.run_here(OPENING, cycle_id, open_slice)
    return open_queue(cycle_id)


def _opened(cycle: AssessmentCycle) -> None:
    cycle.status = CycleStatus.OPEN
    authored(cycle, cycle.opened_by)
    cycle.save(update_fields=["status"])


@transaction.atomic
def publishable(*, actor, cycle: AssessmentCycle):
    """The reviewed assessments the supervisor would publish in one go."""
    return scope(
        Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.REVIEWED), actor, Action.APPROVE
    )


def reviewable(*, actor, cycle: AssessmentCycle):
    """The scored assessments the supervisor would review in one go (never those they entered)."""
    return scope(
        Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.SCORED), actor, Action.APPROVE
    ).exclude(scored_by=actor)


def bulk_counts(*, actor, cycle: AssessmentCycle) -> dict[str, int]:
    """How many the supervisor would review and publish in one go (one query, for the cycle page)."""
    return scope(Assessment.objects.filter(cycle=cycle), actor, Action.APPROVE).aggregate(
        review=Count("pk", filter=Q(status=AssessmentStatus.SCORED) & ~Q(scored_by=actor)),
        publish=Count("pk", filter=Q(status=AssessmentStatus.REVIEWED)),
    )


def _check_expected(expected: int | None, actual: int) -> None:
    """A bulk action confirmed for the number the officer saw; if it has changed since, they look again."""
    if expected is not None and expected != actual:
        raise DomainError(
            _("You confirmed %(expected)s; there are now %(actual)s. Check the list and confirm again.")
            % {"expected": expected, "actual": actual},
            field="expected",
            code="count_changed",
        )


@transaction.atomic
def publish_reviewed(
    *, actor, cycle: AssessmentCycle, today: date | None = None, expected: int | None = None
) -> int:
    """Publish every reviewed assessment the supervisor may approve in the cycle, in one go."""
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise DomainError(_("The assessment cycle is not open."), code="cycle_not_open")
    pks = list(publishable(actor=actor, cycle=cycle).values_list("pk", flat=True))
    _check_expected(expected, len(pks))
    for start in range(0, len(pks), CHUNK):
        part = pks[start : start + CHUNK]
        Assessment.objects.filter(pk__in=part).update(
            status=AssessmentStatus.PUBLISHED, published_on=today or timezone.localdate()
        )
        snapshot_history(Assessment, part, user=actor)
    return len(pks)


@transaction.atomic
def review_scored(*, actor, cycle: AssessmentCycle, expected: int | None = None) -> dict[str, int]:
    """Review every scored assessment the supervisor may approve and did not enter. Top grades are reviewed
    only where the whole agency's lot fits within the cap; the others wait, still scored, for a decision."""
    cycle = AssessmentCycle.objects.select_for_update().get(pk=cycle.pk)  # serialises the cap count
    if cycle.status != CycleStatus.OPEN:
        raise DomainError(_("The assessment cycle is not open."), code="cycle_not_open")
    rows = reviewable(actor=actor, cycle=cycle)
    _check_expected(expected, rows.count())
    top = cycle.scheme["grades"][0]
    percent = cycle.scheme.get("top_grade_percent")
    held: list[int] = []
    if percent:
        for agency_id in rows.filter(grade=top).values_list("agency_id", flat=True).distinct():
            in_agency = Assessment.objects.filter(cycle=cycle, agency_id=agency_id)
            allowed = in_agency.count() * percent // 100
            given = in_agency.filter(
                grade=top,
                status__in=[AssessmentStatus.REVIEWED, AssessmentStatus.PUBLISHED, AssessmentStatus.APPEALED],
            ).count()
            waiting = list(rows.filter(agency_id=agency_id, grade=top).values_list("pk", flat=True))
            if given + len(waiting) > allowed:
                held += waiting
    pks = list(rows.exclude(pk__in=held).values_list("pk", flat=True))
    now = timezone.now()
    for start in range(0, len(pks), CHUNK):
        part = pks[start : start + CHUNK]
        Assessment.objects.filter(pk__in=part).update(
            status=AssessmentStatus.REVIEWED, reviewed_by=actor, reviewed_at=now
        )
        snapshot_history(Assessment, part, user=actor)
    return {"reviewed": len(pks), "held": len(held)}


def unfinished_counts(cycle: AssessmentCycle) -> dict[str, int]:
    """How many results are not yet published (or are under appeal), by status: one grouped query."""
    rows = (
        Assessment.objects.filter(cycle=cycle)
        .exclude(status=AssessmentStatus.PUBLISHED)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    return {row["status"]: row["n"] for row in rows}


def cycle_close(*, actor, cycle: AssessmentCycle) -> AssessmentCycle:
    """Close once every result is published and every appeal decided; proposals are then made in Celery.
    Closing a closed cycle changes nothing; closing a cycle whose run was cut off resumes it."""
    from ..tasks import close_cycle

    with transaction.atomic():
        cycle = AssessmentCycle.objects.select_for_update().select_related("agency").get(pk=cycle.pk)
        if not can(actor, Action.APPROVE, cycle.agency):
            raise NotPermitted()
        if cycle.status == CycleStatus.CLOSED:
            return cycle
        if cycle.status == CycleStatus.OPENING:
            raise DomainError(_("The cycle is still being opened."), code="cycle_opening")
        if cycle.status == CycleStatus.OPEN:
            unfinished = unfinished_counts(cycle)
            if unfinished:
                labels = dict(AssessmentStatus.choices)
                raise DomainError(
                    _("Every result must be published and every appeal decided before closing: %(left)s.")
                    % {"left": "，".join(f"{labels[s]} {n}" for s, n in unfinished.items())},
                    code="cycle_unfinished",
                )
            cycle.status = CycleStatus.CLOSING
            cycle.closed_by = actor
            authored(cycle, actor)
            cycle.save(update_fields=["status", "closed_by"])
            plan_closing(cycle)
        transaction.on_commit(lambda: close_cycle.delay(cycle.pk))
    cycle.refresh_from_db()
    return cycle


class _TierSchemes:
    """Each agency's tiers (nearest setting wins), read once per agency during a batch."""

    def __init__(self):
        self._by_agency: dict[int, list[str]] = {}

    def __call__(self, agency_id: int) -> list[str]:
        if agency_id not in self._by_agency:
            try:
                self._by_agency[agency_id] = grading.tiers(agency_settings(Agency.objects.get(pk=agency_id)))
            except grading.SchemeMissing:
                self._by_agency[agency_id] = []
        return self._by_agency[agency_id]


def proposals_for(cycle: AssessmentCycle, row: tuple, tiers_of: _TierSchemes) -> list[Consequence]:
    """What one published result proposes, by the cycle's scheme and the agency's tiers."""
    assessment_id, officer_id, agency_id, grade, tier, contract_end = row
    scheme = cycle.scheme
    kinds = set(scheme["consequence_kinds"])
    common = {
        "cycle_id": cycle.pk,
        "assessment_id": assessment_id,
        "officer_id": officer_id,
        "agency_id": agency_id,
        "grade": grade,
        "basis": scheme["basis"],
        "from_tier": tier,
    }
    proposals = []
    tiers = tiers_of(agency_id)
    position = tiers.index(tier) if tier in tiers else None
    if (
        ConsequenceKind.PROMOTION in kinds
        and scheme["promotion_by_assessment"]
        and grade in scheme["promotion_grades"]
        and position is not None
        and position < len(tiers) - 1
    ):
        proposals.append(Consequence(kind=ConsequenceKind.PROMOTION, to_tier=tiers[position + 1], **common))
    if ConsequenceKind.DEMOTION in kinds and grade in scheme["demotion_grades"] and position:
        proposals.append(Consequence(kind=ConsequenceKind.DEMOTION, to_tier=tiers[position - 1], **common))
    if ConsequenceKind.PAY in kinds:
        proposals.append(Consequence(kind=ConsequenceKind.PAY, **common))
    if ConsequenceKind.RENEWAL in kinds and contract_end and contract_end <= date(cycle.year + 1, 12, 31):
        proposals.append(
            Consequence(
                kind=ConsequenceKind.RENEWAL,
                recommend_renewal=grade not in scheme["non_renewal_grades"],
                **common,
            )
        )
    return proposals


def plan_closing(cycle: AssessmentCycle, *, resumed: bool = False) -> None:
    """Slices of the cycle's results; `resumed`: the rest of a run queued before it had slices."""
    done = cycle.job_done if resumed else 0
    keys = Assessment.objects.filter(cycle=cycle, pk__gt=cycle.job_cursor if resumed else 0)
    _progress(cycle.pk, job_total=done + slices.plan(CLOSING, cycle.pk, keys), job_done=done)


def close_queue(cycle_id: int) -> AssessmentCycle:
    """The closing task: queue a task per slice not yet done, or mark the cycle closed when none is left."""
    from ..tasks import close_cycle_slice

    with transaction.atomic():
        cycle = (
            AssessmentCycle.objects.select_for_update(of=("self",))
            .select_related("closed_by")
            .get(pk=cycle_id)
        )
        if cycle.status == CycleStatus.CLOSING:
            if not slices.planned(CLOSING, cycle.pk):
                plan_closing(cycle, resumed=True)
            if not slices.queue(CLOSING, cycle.pk, close_cycle_slice):
                _closed(cycle)
    return cycle


def close_slice(cycle_id: int, number: int) -> None:
    """What each published result of the slice proposes (tier, pay, renewal)."""
    contract_end = Subquery(
        LaborContract.objects.filter(officer=OuterRef("officer"), status=ContractStatus.ACTIVE)
        .order_by("-ends_on")
        .values("ends_on")[:1]
    )
    with transaction.atomic():
        piece = slices.claim(CLOSING, cycle_id, number)
        if piece is None:
            return
        cycle = AssessmentCycle.objects.select_related("closed_by").get(pk=cycle_id)
        if cycle.status != CycleStatus.CLOSING:
            return
        rows = list(
            slices.within(Assessment.objects.filter(cycle=cycle), piece)
            .order_by("pk")
            .values_list("pk", "officer_id", "agency_id", "grade", "officer__tier")
            .annotate(contract_end=contract_end)
        )
        tiers_of = _tier_schemes(piece.plan)
        proposals = [proposal for row in rows for proposal in proposals_for(cycle, row, tiers_of)]
        created = Consequence.objects.bulk_create(proposals)
        snapshot_history(Consequence, [c.pk for c in created], user=cycle.closed_by, history_type="+")
        if slices.complete(
            piece, items=len(rows), progress=lambda n: _progress(cycle.pk, job_done=F("job_done") + n)
        ):
            _closed(cycle)


def close_chunks(cycle_id: int) -> AssessmentCycle:
    """Every closing slice not yet done, one after the other in this process; the same work as the tasks."""
    slices.run_here(CLOSING, cycle_id, close_slice)
    return close_queue(cycle_id)


def _closed(cycle: AssessmentCycle) -> None:
    cycle.status, cycle.closed_at = CycleStatus.CLOSED, timezone.now()
    authored(cycle, cycle.closed_by)
    cycle.save(update_fields=["status", "closed_at"])


_schemes: dict = {}


def _tier_schemes(plan) -> _TierSchemes:
    """The agencies' tiers, read once per planned run in each worker process."""
    if _schemes.get("plan") != plan:
        _schemes.clear()
        _schemes.update(plan=plan, tiers=_TierSchemes())
    return _schemes["tiers"]
