"""What the annual assessment puts on the workbench: people to score (officers), results to review and
appeals to decide (supervisors). Grouped by cycle: one query each."""

from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auxpolice.core.models import Role
from auxpolice.core.scoping import Action, scope
from auxpolice.core.workbench import OFFICE, Item, days_since, register

from .models import Appeal, AppealStatus, Assessment, AssessmentStatus, CycleStatus

SECTION = gettext_lazy("Annual assessment")


def _cycle(pk: int, status: str) -> str:
    return f"{reverse('cycle_detail', args=[pk])}?{urlencode({'status': status})}"


@register(*OFFICE, section=SECTION, order=40)
def to_score(*, user, today):
    rows = scope(Assessment.objects.filter(cycle__status=CycleStatus.OPEN), user, Action.CHANGE)
    for row in (
        rows.values("cycle_id", "cycle__year", "cycle__agency__name")
        .annotate(
            pending=Count("pk", filter=Q(status=AssessmentStatus.PENDING)),
            scored=Count("pk", filter=Q(status=AssessmentStatus.SCORED) & ~Q(scored_by=user)),
        )
        .order_by("cycle_id")[:20]
    ):
        label = {"agency": row["cycle__agency__name"], "year": row["cycle__year"]}
        yield Item(
            _("To score: %(agency)s %(year)s") % label,
            row["pending"],
            _cycle(row["cycle_id"], AssessmentStatus.PENDING),
        )
        if user.role == Role.SUPERVISOR:
            yield Item(
                _("To review: %(agency)s %(year)s") % label,
                row["scored"],
                _cycle(row["cycle_id"], AssessmentStatus.SCORED),
            )


@register(Role.SUPERVISOR, section=gettext_lazy("Approvals"), order=40)
def appeals(*, user, today):
    waiting = scope(
        Appeal.objects.filter(status=AppealStatus.PENDING),
        user,
        Action.APPROVE,
        agency_field="assessment__agency",
    )
    summary = waiting.aggregate(n=Count("pk"), oldest=Min("filed_on"), cycle=Min("assessment__cycle_id"))
    if summary["n"]:
        yield Item(
            _("Assessment appeals awaiting a decision"),
            summary["n"],
            _cycle(summary["cycle"], AssessmentStatus.APPEALED),
            oldest_days=days_since(summary["oldest"]),
        )
