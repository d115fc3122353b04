"""Pass/fail stages (physical test, medical examination, vetting): the outcome and its encrypted findings."""

from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User

from .. import stages
from ..documents import RESULT_WORDS, read_results
from ..models import Announcement, Application, ApplicationStatus, ResultRelease, StageResult
from . import notices
from .common import check_may_change, locked_application, save_application
from .recusal import one, recused


@recused("result", one)
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
        recorded_by=actor,
    )
    authored(result, actor)
    result.save()
    if outcome == StageResult.Outcome.PASS:
        application.stage = stages.next_stage(application.announcement.stages, stage)
    else:
        application.status = ApplicationStatus.FAILED
    save_application(application, actor, "stage", "status")
    if not ResultRelease.objects.filter(announcement_id=application.announcement_id, stage=stage).exists():
        # No release set for this stage: the applicant learns the result now (a release set later tells the
        # others; the notice's event keeps it to one each).
        notices.notify(
            application,
            f"result:{stage}",
            f"result_{outcome}",
            stage=stages.label(stage),
            next_stage=stages.label(application.stage),
        )
    return application


@recused(
    "result",
    lambda announcement, rows, **_: (
        Application.objects.filter(announcement=announcement, ticket_number__in=[row[1] for row in rows]),
        announcement.agency,
    ),
)
@transaction.atomic
def results_import(
    *, actor: User, announcement, stage: str, rows: list[tuple[int, str, str, str]]
) -> tuple[int, list[dict]]:
    """A pass/fail stage's results from a workbook: every row checked first (ticket, result, finding,
    consent), then all recorded, or none. Errors name the row and the column."""
    check_may_change(actor, announcement.agency)
    if stage not in stages.PASS_FAIL or stage not in announcement.stages:
        raise DomainError(_("This stage records pass or fail results."), field="stage")
    if not rows:
        return 0, [{"row": None, "column": "", "message": _("The workbook has no result rows.")}]
    waiting = {
        a.ticket_number: a
        for a in Application.objects.filter(
            announcement=announcement, stage=stage, status=ApplicationStatus.IN_PROGRESS
        ).prefetch_related("consents")
    }
    errors, chosen, seen = [], [], set()
    for number, ticket, written, detail in rows:
        application = waiting.get(ticket)
        if ticket in seen:
            errors.append(
                {
                    "row": number,
                    "column": "准考证号",
                    "message": _("Ticket %(t)s appears twice.") % {"t": ticket},
                }
            )
        elif application is None:
            errors.append(
                {
                    "row": number,
                    "column": "准考证号",
                    "message": _("No candidate at this stage has ticket “%(t)s”.") % {"t": ticket},
                }
            )
        elif written not in RESULT_WORDS:
            errors.append({"row": number, "column": "结果", "message": _("Write 合格, 不合格 or 缺考.")})
        elif stage in stages.SENSITIVE and RESULT_WORDS[written] == "fail" and not detail:
            errors.append(
                {"row": number, "column": "说明", "message": _("Record the finding behind a failed result.")}
            )
        elif stage in stages.SENSITIVE and not any(c.purpose == stage for c in application.consents.all()):
            errors.append(
                {
                    "row": number,
                    "column": "准考证号",
                    "message": _("%(name)s has not given separate consent to the %(stage)s notice.")
                    % {"name": application.full_name, "stage": stages.label(stage)},
                }
            )
        else:
            chosen.append((application, RESULT_WORDS[written], detail))
        seen.add(ticket)
    if errors:
        return 0, errors
    for application, outcome, detail in chosen:
        result_record.__wrapped__(actor=actor, application=application, outcome=outcome, detail=detail)
    return len(chosen), []


def results_workbook_import(job, upload, progress) -> tuple[int, list[dict]]:
    """Handler of "recruitment.results" workbook imports (run in Celery by auxpolice.core.sheet_imports)."""
    announcement = Announcement.objects.select_related("agency").get(pk=job.target["announcement"])
    rows = read_results(upload)
    progress(0, len(rows))
    recorded, errors = results_import(
        actor=job.uploaded_by, announcement=announcement, stage=job.target["stage"], rows=rows
    )
    progress(len(rows), len(rows))
    return recorded, errors
