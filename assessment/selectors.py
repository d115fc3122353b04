"""Reads for the assessment pages: scoped by agency, keyset-paginated, grouped counts instead of row loops."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from auxpolice.core.scoping import EVERYWHERE, Action, scope, scope_paths, scope_q
from auxpolice.core.selectors import get_or_404
from personnel.models import AuxiliaryOfficer, Complaint, Discipline, Reward, TrainingRecord

from .models import Appeal, Assessment, AssessmentCycle, Consequence, TierChange

PAGE_SIZE = 50


@dataclass
class Page:
    rows: list
    next_cursor: int | None


def cycle_list_for(*, user) -> QuerySet[AssessmentCycle]:
    """Cycles of the user's subtree, and the superior cycles that cover it (a province cycle holds a county's
    people, whose assessments the county officer enters)."""
    paths = scope_paths(user, Action.VIEW)
    rows = AssessmentCycle.objects.select_related("agency")
    if paths is EVERYWHERE:
        return rows
    covering = {prefix for path in paths for prefix in _prefixes(path)}
    return rows.filter(Q(agency__path__in=covering) | scope_q(user, Action.VIEW))


def _prefixes(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def cycle_get_for(*, user, pk) -> AssessmentCycle:
    return get_or_404(cycle_list_for(user=user), pk)


def assessment_list_for(*, user, action: Action = Action.VIEW) -> QuerySet[Assessment]:
    return scope(Assessment.objects.all(), user, action)


def assessment_page_for(
    *, user, cycle: AssessmentCycle, filters: dict, after: str | None = None, size: int = PAGE_SIZE
) -> Page:
    rows = (
        assessment_list_for(user=user)
        .filter(cycle=cycle)
        .select_related("officer", "agency")
        .only(
            "id",
            "status",
            "grade",
            "assessor_name",
            "published_on",
            "officer__full_name",
            "officer__id_number_masked",
            "officer__tier",
            "agency__name",
        )
    )
    for field in ("status", "grade"):
        if filters.get(field):
            rows = rows.filter(**{field: filters[field]})
    if filters.get("agency"):
        rows = rows.filter(agency__path__startswith=filters["agency"].path)
    if filters.get("q"):
        rows = rows.filter(officer__full_name__startswith=filters["q"].strip())
    if after and after.isdigit():
        rows = rows.filter(pk__gt=int(after))
    page = list(rows.order_by("pk")[: size + 1])
    return Page(page[:size], page[size - 1].pk if len(page) > size else None)


def status_counts(*, user, cycle: AssessmentCycle) -> dict[str, int]:
    rows = (
        assessment_list_for(user=user)
        .filter(cycle=cycle)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    return {row["status"]: row["n"] for row in rows}


def assessment_get_for(*, user, pk) -> Assessment:
    return get_or_404(
        (
            assessment_list_for(user=user).select_related(
                "cycle", "cycle__agency", "officer", "agency", "scored_by", "reviewed_by"
            )
        ),
        pk,
    )


def appeal_of(assessment: Assessment) -> Appeal | None:
    return Appeal.objects.filter(assessment=assessment).select_related("decided_by").first()


def conduct_for_year(officer: AuxiliaryOfficer, year: int) -> dict:
    """What the assessor is shown: the year's rewards, upheld complaints, discipline and training."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return {
        "rewards": list(
            Reward.objects.filter(officer=officer, awarded_on__range=(start, end)).order_by("awarded_on")
        ),
        "complaints": list(
            Complaint.objects.filter(
                officer=officer, outcome=Complaint.Outcome.UPHELD, received_on__range=(start, end)
            ).order_by("received_on")
        ),
        "disciplines": list(
            Discipline.objects.filter(officer=officer, decided_on__range=(start, end)).order_by("decided_on")
        ),
        "trainings": list(
            TrainingRecord.objects.filter(officer=officer, started_on__range=(start, end)).order_by(
                "started_on"
            )
        ),
    }


def consequence_page_for(
    *, user, cycle: AssessmentCycle, filters: dict, after: str | None = None, size: int = PAGE_SIZE
) -> Page:
    rows = (
        scope(Consequence.objects.filter(cycle=cycle), user)
        .select_related("officer", "agency")
        .only(
            "id",
            "kind",
            "grade",
            "from_tier",
            "to_tier",
            "recommend_renewal",
            "basis",
            "status",
            "effective_on",
            "officer__full_name",
            "agency__name",
        )
    )
    for field in ("kind", "status"):
        if filters.get(field):
            rows = rows.filter(**{field: filters[field]})
    if after and after.isdigit():
        rows = rows.filter(pk__gt=int(after))
    page = list(rows.order_by("pk")[: size + 1])
    return Page(page[:size], page[size - 1].pk if len(page) > size else None)


def consequence_counts(*, user, cycle: AssessmentCycle) -> list[dict]:
    return list(
        scope(Consequence.objects.filter(cycle=cycle), user)
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .order_by("kind", "status")
    )


def tier_changes_of(officer: AuxiliaryOfficer) -> list[TierChange]:
    return list(
        TierChange.objects.filter(officer=officer)
        .select_related("decided_by")
        .order_by("-effective_on", "-pk")
    )


def consequence_list_for(*, user) -> QuerySet[Consequence]:
    return scope(Consequence.objects.all(), user)


def appeal_list_for(*, user) -> QuerySet[Appeal]:
    return scope(Appeal.objects.all(), user, agency_field="assessment__agency")


def tier_change_list_for(*, user) -> QuerySet[TierChange]:
    return scope(TierChange.objects.all(), user, agency_field="officer__agency")
