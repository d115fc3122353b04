"""Qualification review (资格审查): pass, return for correction, or reject with the reason and articles."""

from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core.errors import DomainError
from auxpolice.core.models import User
from auxpolice.rules.citations import Citation

from .. import stages
from ..models import Application, ApplicationStatus
from . import notices
from .common import check_may_change, locked_application, save_application


@transaction.atomic
def review_decide(
    *, actor: User, application: Application, decision: str, reason: str = "", citations: tuple[str, ...] = ()
) -> Application:
    application = locked_application(application)
    check_may_change(actor, application.agency)
    if stages.kind(application.stage) != "review" or application.status != ApplicationStatus.SUBMITTED:
        raise DomainError(_("This application is not awaiting qualification review."), code="not_in_review")
    labels = []
    for code in citations:
        try:
            labels.append(Citation.parse(code).label_zh)
        except (ValueError, KeyError, LookupError):
            raise DomainError(_("Unknown article: %(code)s.") % {"code": code}, field="citations") from None
    if decision == "pass":
        application.status = ApplicationStatus.IN_PROGRESS
        application.stage = stages.next_stage(application.announcement.stages, application.stage)
        application.ticket_number = f"{application.announcement_id:04d}{application.pk:08d}"
        save_application(application, actor, "status", "stage", "ticket_number")
        notices.notify(
            application,
            "review:pass",
            "review_pass",
            announcement=application.announcement.title,
            next_stage=stages.label(application.stage),
        )
        return application
    if decision not in ("return", "reject"):
        raise DomainError(_("Choose pass, return for correction or reject."), field="decision")
    if not reason.strip():
        raise DomainError(_("Give the reason the applicant will read."), field="reason")
    if decision == "reject" and not citations:
        raise DomainError(_("Name the article the rejection rests on."), field="citations")
    application.status = ApplicationStatus.RETURNED if decision == "return" else ApplicationStatus.REJECTED
    application.review_reason, application.review_citations = reason.strip(), labels
    save_application(application, actor, "status", "review_reason", "review_citations")
    notices.notify(
        application,
        f"review:{decision}",
        f"review_{decision}",
        announcement=application.announcement.title,
        closes=application.announcement.registration_closes,
        reason=reason.strip(),
        basis="；".join(labels),
    )
    return application
