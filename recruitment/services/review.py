"""Qualification review (资格审查): pass, return for correction, or reject with the reason and articles."""

from django.db import transaction
from django.utils import timezone
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
    title = f"资格审查结果：{application.announcement.title}"
    if decision == "pass":
        application.status = ApplicationStatus.IN_PROGRESS
        application.stage = stages.next_stage(application.announcement.stages, application.stage)
        application.ticket_number = f"{application.announcement_id:04d}{application.pk:08d}"
        save_application(application, actor, "status", "stage", "ticket_number")
        notices.notify(
            application,
            "review:pass",
            title,
            f"您已通过资格审查，下一环节：{stages.label(application.stage)}。准考证可在报名页面下载。",
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
    basis = f"（依据：{'；'.join(labels)}）" if labels else ""
    closes = timezone.localtime(application.announcement.registration_closes)
    wording = (
        f"退回补正，请按说明修改后于{closes:%Y-%m-%d %H:%M}（报名截止）前重新提交"
        if decision == "return"
        else "未通过资格审查"
    )
    notices.notify(application, f"review:{decision}", title, f"您的报名{wording}：{reason.strip()}{basis}")
    return application
