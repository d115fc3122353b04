"""A place freed by a withdrawal goes to the next ranked candidate."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError
from auxpolice.core.models import User

from .. import stages
from ..models import Application, ApplicationStatus, Position, VacancyReason
from . import notices
from .common import check_may_change, locked_application, save_application
from .recusal import recused


def places_held(position: Position) -> int:
    """Candidates past the last scored stage who still hold one of the position's places."""
    announcement = position.announcement
    scored = [s for s in announcement.stages if s in stages.SCORED]
    after = announcement.stages[announcement.stages.index(scored[-1]) + 1 :] + [stages.HIRE] if scored else []
    return (
        Application.objects.filter(position=position)
        .filter(
            Q(status=ApplicationStatus.HIRED)
            | Q(status=ApplicationStatus.IN_PUBLICITY)
            | Q(status=ApplicationStatus.IN_PROGRESS, stage__in=after)
        )
        .count()
    )


@recused(
    "call_next",
    lambda position, **_: (Application.objects.filter(position=position), position.announcement.agency),
)
@transaction.atomic
def call_next_candidate(
    *, actor: User, position: Position, reason: str, expected: int | None = None
) -> Application:
    """递补: call the best ranked candidate who did not advance into the freed place, recording why the place
    was free (shown with the candidate on the publicity list). Given the candidate the officer confirmed on
    the page (`expected`), refused if someone else would now be called."""
    if reason not in VacancyReason.values:
        raise DomainError(_("Say why the place is free."), field="reason")
    position = Position.objects.select_for_update().select_related("announcement__agency").get(pk=position.pk)
    announcement = position.announcement
    check_may_change(actor, announcement.agency)
    scored = [s for s in announcement.stages if s in stages.SCORED]
    if not scored:
        raise DomainError(_("This announcement has no ranking to call from."), code="no_ranking")
    if places_held(position) >= position.places:
        raise DomainError(
            _("Every place of this position is held; nobody can be called."), code="no_free_place"
        )
    candidate = (
        Application.objects.select_for_update()
        .filter(
            position=position, stage=scored[-1], status=ApplicationStatus.NOT_ADVANCED, rank__isnull=False
        )
        .order_by("rank", "-total_score", "pk")
        .first()
    )
    if candidate is None:
        raise DomainError(_("No ranked candidate is left to call."), code="no_candidate")
    if expected is not None and candidate.pk != expected:
        raise Conflict(
            _("The next candidate is now %(name)s: check the ranking and confirm again.")
            % {"name": candidate.full_name}
        )
    candidate.status, candidate.called_for = ApplicationStatus.IN_PROGRESS, reason
    candidate.stage = stages.next_stage(announcement.stages, scored[-1])
    save_application(candidate, actor, "status", "stage", "called_for")
    notices.notify(
        candidate,
        "called",
        "called",
        announcement=announcement.title,
        next_stage=stages.label(candidate.stage),
    )
    return candidate


@transaction.atomic
def application_withdraw_recorded(*, actor: User, application: Application, reason: str) -> Application:
    """An officer records a withdrawal the applicant made by other means (in writing, by phone)."""
    application = locked_application(application)
    check_may_change(actor, application.agency)
    if application.status not in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.RETURNED,
        ApplicationStatus.IN_PROGRESS,
        ApplicationStatus.IN_PUBLICITY,
    ):
        raise DomainError(_("This application is no longer active."), code="not_active")
    if not reason.strip():
        raise DomainError(_("Record how the applicant withdrew."), field="reason")
    application.status = ApplicationStatus.WITHDRAWN
    authored(application, actor, reason=reason.strip()[:100])
    save_application(application, actor, "status")
    notices.notify(application, "withdrawn", "withdrawal_recorded", reason=reason.strip())
    return application
