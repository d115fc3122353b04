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
from .recusal import one, recused


@recused("review", one)
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


BATCH_MAX = 500  # one page of selections; larger lots go by status filter and repeated batches


@recused(
    "review",
    lambda announcement, ids, **_: (
        Application.objects.filter(announcement=announcement, pk__in=ids),
        announcement.agency,
    ),
)
@transaction.atomic
def review_batch(
    *, actor: User, announcement, ids: list[int], decision: str, reason: str = ""
) -> list[Application]:
    """Pass, or return for correction with one reason, every selected application in one go: all of them or
    none (the first one that cannot be decided is named). Each gets its own notice, as one by one."""
    if decision not in ("pass", "return"):
        raise DomainError(
            _("Pass or return the selected applications (a rejection names articles, one by one)."),
            field="decision",
        )
    if not ids:
        raise DomainError(_("Select the applications to decide."), field="ids")
    if len(ids) > BATCH_MAX:
        raise DomainError(_("Select at most %(n)s applications at a time.") % {"n": BATCH_MAX}, field="ids")
    chosen = list(Application.objects.filter(announcement=announcement, pk__in=ids).order_by("pk"))
    if len(chosen) != len(set(ids)):
        raise DomainError(_("Some of the selected applications are not in this announcement."), field="ids")
    decided = []
    for application in chosen:
        try:
            decided.append(
                review_decide.__wrapped__(  # recusal checked for the whole batch
                    actor=actor, application=application, decision=decision, reason=reason
                )
            )
        except DomainError as error:
            raise DomainError(
                _("%(name)s (%(ticket)s): %(message)s")
                % {
                    "name": application.full_name,
                    "ticket": application.id_number_masked,
                    "message": error.message,
                },
                field=error.field if error.field in ("reason",) else "ids",
                code=error.code,
            ) from None
    return decided
