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
from .ranking import ratio_cut
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


def places_to_fill(position: Position) -> int:
    """How many candidates the ranking sends past the last scored stage: the places times that stage's
    candidate-to-place ratio (ranking.rank's cut). A call keeps the position at that number, no more."""
    announcement = position.announcement
    last = [s for s in announcement.stages if s in stages.SCORED][-1]
    return ratio_cut(position.places, announcement.stage_settings[last])


@recused(
    "call_next",
    lambda position, **_: (Application.objects.filter(position=position), position.announcement.agency),
)
@transaction.atomic
def call_next_candidate(
    *, actor: User, position: Position, reason: str, expected: str = ""
) -> list[Application]:
    """递补: call the best ranked candidates who did not advance into a freed place, recording why the place
    was free (shown with them on the publicity list). The ranking's ties rule holds: candidates sharing the
    called rank are called together, as they would all have advanced at the cut. Given the candidates the
    officer confirmed on the page (`expected`, their ids), refused if others would now be called."""
    if reason not in VacancyReason.values:
        raise DomainError(_("Say why the place is free."), field="reason")
    position = Position.objects.select_for_update().select_related("announcement__agency").get(pk=position.pk)
    announcement = position.announcement
    check_may_change(actor, announcement.agency)
    scored = [s for s in announcement.stages if s in stages.SCORED]
    if not scored:
        raise DomainError(_("This announcement has no ranking to call from."), code="no_ranking")
    if places_held(position) >= places_to_fill(position):
        raise DomainError(
            _("Every place of this position is held; nobody can be called."), code="no_free_place"
        )
    called = list(
        Application.objects.select_for_update()
        .filter(pk__in=[a.pk for a in _next_in_ranking(position, scored[-1])])
        .order_by("pk")
    )
    if not called:
        raise DomainError(_("No ranked candidate is left to call."), code="no_candidate")
    if expected and expected != confirmation_key(called):
        raise Conflict(
            _("The next candidates are now %(names)s: check the ranking and confirm again.")
            % {"names": "、".join(a.full_name for a in called)}
        )
    following = stages.next_stage(announcement.stages, scored[-1])
    for candidate in called:
        candidate.status, candidate.called_for, candidate.stage = (
            ApplicationStatus.IN_PROGRESS,
            reason,
            following,
        )
        save_application(candidate, actor, "status", "stage", "called_for")
        notices.notify(
            candidate, "called", "called", announcement=announcement.title, next_stage=stages.label(following)
        )
    return called


def _next_in_ranking(position: Position, stage: str) -> list[Application]:
    """Those who did not advance at the best rank left (several when they tie)."""
    waiting = Application.objects.filter(
        position=position, stage=stage, status=ApplicationStatus.NOT_ADVANCED, rank__isnull=False
    )
    best = waiting.order_by("rank").values_list("rank", flat=True).first()
    return [] if best is None else list(waiting.filter(rank=best).order_by("pk"))


def confirmation_key(candidates: list[Application]) -> str:
    """What the page sends back to confirm whom it showed: their ids in order."""
    return ",".join(str(a.pk) for a in sorted(candidates, key=lambda a: a.pk))


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
