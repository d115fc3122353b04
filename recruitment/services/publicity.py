"""Publicity (公示): the list of people to be hired, on the portal for a period of working days
counted on the holiday calendar (adjusted working Saturdays count; holidays do not)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import User
from auxpolice.core.scoping import Action, can
from auxpolice.core.working_days import period_end
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings

from .. import stages
from ..models import Announcement, Application, ApplicationStatus, Objection, Publicity
from . import notices
from .recusal import recused


def publicity_length(announcement: Announcement) -> tuple[int, str]:
    """Working days and where the number comes from. No text in force sets a length, so it is the
    announcement's own figure or the agency setting; without either, publicity cannot start."""
    if announcement.publicity_working_days:
        return announcement.publicity_working_days, _("stated in the announcement")
    days = agency_settings(announcement.agency).get("publicity_working_days")
    if days:
        return int(days), _("agency setting “publicity period in working days”")
    rule = pack_for(announcement.agency.jurisdiction, timezone.localdate()).rule("recruitment_steps")
    raise RuleViolation(
        _(
            "The regulation sets no publicity period: set the agency's “publicity period in working "
            "days” or state one in the announcement."
        ),
        citations=rule.citations[:1],
        field="publicity_working_days",
    )


def _check_start(starts_on: date, entries: list[Application]) -> None:
    """A publicity period is announced ahead, never backdated: it starts today at the earliest, and not before
    the last of its people reached publicity (the stage before it closed for them)."""
    today = timezone.localdate()
    if starts_on < today:
        raise DomainError(
            _("Publicity cannot start in the past: start it on %(today)s or later.")
            % {"today": f"{today:%Y-%m-%d}"},
            field="starts_on",
        )
    reached = max(timezone.localdate(a.updated_at) for a in entries)
    if starts_on < reached:
        raise DomainError(
            _("Publicity cannot start before %(day)s, when the last person reached it.")
            % {"day": f"{reached:%Y-%m-%d}"},
            field="starts_on",
        )


@transaction.atomic
def publicity_start(*, actor: User, announcement: Announcement, starts_on: date) -> Publicity:
    announcement = Announcement.objects.select_for_update().select_related("agency").get(pk=announcement.pk)
    if not can(actor, Action.CHANGE, announcement.agency):
        raise NotPermitted()
    if stages.PUBLICITY not in announcement.stages:
        raise DomainError(_("This announcement has no publicity stage."), code="no_publicity")
    entries = list(
        Application.objects.select_for_update().filter(
            announcement=announcement, stage=stages.PUBLICITY, status=ApplicationStatus.IN_PROGRESS
        )
    )
    if not entries:
        raise DomainError(_("Nobody has reached publicity yet."), code="nobody_at_stage")
    days, source = publicity_length(announcement)
    _check_start(starts_on, entries)
    ends_on = period_end(starts_on, days)  # refuses a year the holiday table does not cover
    publicity = Publicity(
        announcement=announcement,
        starts_on=starts_on,
        ends_on=ends_on,
        working_days=days,
        basis=str(source),
        published_by=actor,
    )
    authored(publicity, actor)
    publicity.save()
    for application in entries:
        application.status, application.publicity = ApplicationStatus.IN_PUBLICITY, publicity
        authored(application, actor)
        application.save(update_fields=["status", "publicity", "updated_at"])
    notices.notify_many(
        entries,
        f"publicity:{publicity.pk}",
        "publicity_start",
        announcement=announcement.title,
        starts_on=starts_on,
        ends_on=ends_on,
        days=days,
    )
    return publicity


@transaction.atomic
def objection_record(*, actor: User, application: Application, received_on: date, content: str) -> Objection:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency", "publicity")
        .get(pk=application.pk)
    )
    if not can(actor, Action.CHANGE, application.agency):
        raise NotPermitted()
    if application.status != ApplicationStatus.IN_PUBLICITY:
        raise DomainError(_("Objections are recorded against people in publicity."), code="not_in_publicity")
    if not content.strip():
        raise DomainError(_("Record what the objection says."), field="content")
    objection = Objection(
        application=application, received_on=received_on, content=content.strip(), recorded_by=actor
    )
    authored(objection, actor)
    objection.save()
    return objection


@recused(
    "objection",
    lambda objection, **_: (
        Application.objects.filter(objections=objection),
        Application.objects.select_related("agency").get(objections=objection).agency,
    ),
)
@transaction.atomic
def objection_resolve(*, actor: User, objection: Objection, upheld: bool, resolution: str) -> Objection:
    objection = (
        Objection.objects.select_for_update().select_related("application__agency").get(pk=objection.pk)
    )
    application = Application.objects.select_for_update().get(pk=objection.application_id)
    if not can(actor, Action.CHANGE, application.agency):
        raise NotPermitted()
    if objection.status != Objection.Status.OPEN:
        raise DomainError(_("This objection has already been resolved."), code="resolved")
    if not resolution.strip():
        raise DomainError(_("Record the findings and the decision."), field="resolution")
    objection.status = Objection.Status.UPHELD if upheld else Objection.Status.DISMISSED
    objection.resolution, objection.resolved_by, objection.resolved_at = (
        resolution.strip(),
        actor,
        timezone.now(),
    )
    authored(objection, actor)
    objection.save()
    if upheld and application.status == ApplicationStatus.IN_PUBLICITY:
        application.status = ApplicationStatus.FAILED
        authored(application, actor)
        application.save(update_fields=["status", "updated_at"])
        notices.notify(
            application, f"objection:{objection.pk}", "objection_upheld", resolution=resolution.strip()
        )
    return objection


def close_ended(today: date | None = None) -> int:
    """Tell each person whose publicity ended without an upheld objection that hiring follows."""
    today = today or timezone.localdate()
    ended = list(
        Application.objects.filter(status=ApplicationStatus.IN_PUBLICITY, publicity__ends_on__lt=today)
        .select_related("publicity")
        .only("id", "applicant_id", "publicity__id", "publicity__ends_on")
    )
    rows = [
        (a, f"publicity-ended:{a.publicity_id}", "publicity_ended", {"ends_on": publicity.ends_on})
        for a in ended
        if (publicity := a.publicity) is not None
    ]
    with transaction.atomic():
        notices.notify_each(rows)
    return len(rows)
