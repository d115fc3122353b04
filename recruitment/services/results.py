"""Pass/fail stages (physical test, medical examination, vetting): the outcome and its encrypted findings."""

from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User

from .. import stages
from ..models import Application, ApplicationStatus, StageResult
from . import notices
from .common import check_may_change, locked_application, save_application


@transaction.atomic
def result_record(*, actor: User, application: Application, outcome: str, detail: str = "") -> Application:
    application = locked_application(application)
    check_may_change(actor, application.agency)
    stage = application.stage
    if stage not in stages.PASS_FAIL or application.status != ApplicationStatus.IN_PROGRESS:
        raise DomainError(_("This application is not at a pass/fail stage."), code="not_pass_fail")
    if outcome not in (StageResult.Outcome.PASS, StageResult.Outcome.FAIL, StageResult.Outcome.ABSENT):
        raise DomainError(_("Choose pass, fail or absent."), field="outcome")
    if stage in stages.SENSITIVE and not application.consents.filter(purpose=stage).exists():
        raise DomainError(
            _(
                "The applicant has not given separate consent to the %(stage)s notice: nothing about "
                "it can be recorded yet."
            )
            % {"stage": stages.label(stage)},
            code="consent_missing",
        )
    if stage in stages.SENSITIVE and outcome == StageResult.Outcome.FAIL and not detail.strip():
        raise DomainError(_("Record the finding behind a failed result."), field="detail")
    result = StageResult(
        application=application,
        stage=stage,
        outcome=outcome,
        detail=detail.strip(),
        released=True,
        recorded_by=actor,
    )
    authored(result, actor)
    result.save()
    if outcome == StageResult.Outcome.PASS:
        application.stage = stages.next_stage(application.announcement.stages, stage)
    else:
        application.status = ApplicationStatus.FAILED
    save_application(application, actor, "stage", "status")
    notices.notify(
        application,
        f"result:{stage}",
        f"result_{outcome}",
        stage=stages.label(stage),
        next_stage=stages.label(application.stage),
    )
    return application
