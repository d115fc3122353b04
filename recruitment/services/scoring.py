"""Scored stages: scores typed or imported, each checked, all recorded or none."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored, snapshot_history
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User

from .. import stages
from ..documents import read_scores
from ..models import Announcement, Application, ApplicationStatus, StageResult
from .common import check_may_change
from .recusal import recused

MAX_SCORE = Decimal("100")


def _parse_score(raw) -> Decimal | None:
    if raw in (None, "") or str(raw).strip() in ("缺考", "absent"):
        return None
    try:
        score = Decimal(str(raw).strip()).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DomainError(_("“%(raw)s” is not a score.") % {"raw": raw}, field="score") from None
    if not Decimal(0) <= score <= MAX_SCORE:
        raise DomainError(_("A score lies between 0 and 100."), field="score")
    return score


def scores_check(*, announcement, stage: str, scores: dict[str, object]) -> dict[int, str]:
    """Each typed score that cannot be recorded, by application id, with a message naming the candidate and
    the admission-ticket number (nothing is written)."""
    wrong: dict[int, str] = {}
    for key, raw in scores.items():
        try:
            _parse_score(raw)
        except DomainError as error:
            wrong[int(key)] = str(error.message)
    if not wrong:
        return {}
    named = Application.objects.filter(announcement=announcement, pk__in=list(wrong)).values_list(
        "pk", "full_name", "ticket_number"
    )
    return {
        pk: _("%(name)s (ticket %(ticket)s): %(problem)s")
        % {"name": name, "ticket": ticket or "—", "problem": wrong[pk]}
        for pk, name, ticket in named
    }


@recused(
    "score",
    lambda announcement, scores, **_: (
        Application.objects.filter(announcement=announcement, pk__in=list(scores)),
        announcement.agency,
    ),
)
@transaction.atomic
def scores_record(*, actor: User, announcement, stage: str, scores: dict[int, object]) -> int:
    """Record scores ({application id: score, or None / "缺考" for absent}) for one scored stage."""
    check_may_change(actor, announcement.agency)
    if stage not in stages.SCORED or stage not in announcement.stages:
        raise DomainError(_("This stage takes no scores."), field="stage")
    parsed = {int(pk): _parse_score(raw) for pk, raw in scores.items()}
    applications = {
        a.pk: a
        for a in Application.objects.select_for_update().filter(
            announcement=announcement, pk__in=parsed, stage=stage, status=ApplicationStatus.IN_PROGRESS
        )
    }
    missing = set(parsed) - set(applications)
    if missing:
        raise DomainError(
            _("%(n)s of these applications are not at this stage.") % {"n": len(missing)}, field="scores"
        )
    existing = {
        r.application_id: r for r in StageResult.objects.filter(application_id__in=parsed, stage=stage)
    }
    new, changed = [], []
    for pk, score in parsed.items():
        outcome = StageResult.Outcome.ABSENT if score is None else StageResult.Outcome.SCORED
        result = existing.get(pk)
        if result is None:
            new.append(
                StageResult(application_id=pk, stage=stage, outcome=outcome, score=score, recorded_by=actor)
            )
        elif (result.outcome, result.score) != (outcome, score):
            result.outcome, result.score, result.recorded_by = outcome, score, actor
            authored(result, actor)
            result.save(update_fields=["outcome", "score", "recorded_by", "recorded_at"])
            changed.append(result)
    if new:
        created = StageResult.objects.bulk_create(new, batch_size=2000)
        snapshot_history(StageResult, [r.pk for r in created], user=actor, history_type="+")
    return len(new) + len(changed)


@recused(
    "score",
    lambda announcement, rows, **_: (
        Application.objects.filter(announcement=announcement, ticket_number__in=[row[1] for row in rows]),
        announcement.agency,
    ),
)
@transaction.atomic
def scores_import(
    *, actor: User, announcement, stage: str, rows: list[tuple[int, str, object]]
) -> tuple[int, list[dict]]:
    """Scores from a workbook: all rows or none. Returns (rows recorded, row-level errors)."""
    check_may_change(actor, announcement.agency)
    if not rows:
        return 0, [{"row": None, "message": _("The workbook has no score rows.")}]
    by_ticket = dict(
        Application.objects.filter(
            announcement=announcement, stage=stage, status=ApplicationStatus.IN_PROGRESS
        ).values_list("ticket_number", "pk")
    )
    errors, scores, seen = [], {}, set()
    for number, ticket, raw in rows:
        if raw is None or not str(raw).strip():
            continue  # not entered yet, as a blank cell of the typed table: only 缺考 records an absence
        if ticket in seen:
            errors.append({"row": number, "message": _("Ticket %(t)s appears twice.") % {"t": ticket}})
            continue
        seen.add(ticket)
        if ticket not in by_ticket:
            errors.append(
                {
                    "row": number,
                    "message": _("No candidate at this stage has ticket “%(t)s”.") % {"t": ticket},
                }
            )
            continue
        try:
            _parse_score(raw)
        except DomainError as error:
            errors.append({"row": number, "message": str(error.message)})
            continue
        scores[by_ticket[ticket]] = raw
    if errors:
        return 0, errors
    if not scores:
        return 0, [{"row": None, "message": _("The workbook has no score rows.")}]
    recorded = scores_record.__wrapped__(actor=actor, announcement=announcement, stage=stage, scores=scores)
    return recorded, []


def scores_workbook_import(job, upload, progress) -> tuple[int, list[dict]]:
    """Handler of "recruitment.scores" workbook imports (run in Celery by auxpolice.core.sheet_imports)."""
    announcement = Announcement.objects.select_related("agency").get(pk=job.target["announcement"])
    rows = read_scores(upload)
    progress(0, len(rows))
    recorded, errors = scores_import(
        actor=job.uploaded_by, announcement=announcement, stage=job.target["stage"], rows=rows
    )
    progress(len(rows), len(rows))
    return recorded, [
        {"row": e.get("row"), "column": e.get("column", "成绩"), "message": e["message"]} for e in errors
    ]
