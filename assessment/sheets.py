"""Scores by workbook for counties with hundreds of people: a template of the user's unreviewed assessments,
and an import that records every row or none (each row checked as the form would be; errors by row and
column)."""

import io

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from auxpolice.core.errors import DomainError
from auxpolice.core.scoping import Action, scope
from auxpolice.core.sheets import append_row, sheet_rows

from .models import Assessment, AssessmentCycle, AssessmentStatus
from .services import assessments

FIXED_HEAD = ["考核编号", "姓名", "身份证号", "单位"]
TAIL = ["考核等次", "带辅民警", "评语"]
MAX_ROWS = 20_000


def _open_rows(user, cycle: AssessmentCycle):
    return (
        scope(
            Assessment.objects.filter(
                cycle=cycle, status__in=[AssessmentStatus.PENDING, AssessmentStatus.SCORED]
            ),
            user,
            Action.CHANGE,
        )
        .select_related("officer", "agency")
        .order_by("agency__path", "pk")
    )


def template(user, cycle: AssessmentCycle) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{cycle.year}年度考核")
    labels = [d["label"] for d in cycle.scheme["dimensions"]]
    append_row(
        sheet,
        [*FIXED_HEAD, *labels, *TAIL, None, f"说明：每个文件最多导入{MAX_ROWS}行，只录入考核编号所在行。"],
    )
    for row in _open_rows(user, cycle).only(
        "pk",
        "grade",
        "assessor_name",
        "comment",
        "scores",
        "officer__full_name",
        "officer__id_number_masked",
        "agency__name",
        "agency__path",
    ):
        append_row(
            sheet,
            [
                row.pk,
                row.officer.full_name,
                row.officer.id_number_masked,
                row.agency.name,
                *[row.scores.get(d["code"]) for d in cycle.scheme["dimensions"]],
                row.grade or None,
                row.assessor_name or None,
                row.comment or None,
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(upload, cycle: AssessmentCycle) -> list[tuple[int, dict]]:
    """(row number, values) for every filled row; the header must be the template's."""
    expected = [*FIXED_HEAD, *[d["label"] for d in cycle.scheme["dimensions"]], *TAIL]
    rows = sheet_rows(upload, columns=len(expected), max_rows=MAX_ROWS)
    first = next(rows, None)
    header = [str(cell or "").strip() for cell in (first[1] if first and first[0] == 1 else [])]
    if header != expected:
        raise DomainError(
            _("The columns are not this cycle's template: download it again."), field="workbook"
        )
    codes = [d["code"] for d in cycle.scheme["dimensions"]]
    read_rows = []
    for number, cells in rows:
        scores = dict(zip(codes, cells[4 : 4 + len(codes)], strict=True))
        grade, assessor, comment = cells[4 + len(codes) : 7 + len(codes)]
        read_rows.append(
            (
                number,
                {
                    "pk": cells[0],
                    "scores": scores,
                    "grade": str(grade or "").strip(),
                    "assessor_name": str(assessor or "").strip(),
                    "comment": str(comment or "").strip(),
                },
            )
        )
    return read_rows


def import_scores(*, actor, cycle: AssessmentCycle, rows: list[tuple[int, dict]]) -> tuple[int, list[dict]]:
    """Record every row's scores, or none: the first failing rows are reported with their column and
    reason."""
    if not rows:
        return 0, [{"row": None, "column": "", "message": _("The workbook has no rows to record.")}]
    errors = []
    labels = {f"score_{d['code']}": d["label"] for d in cycle.scheme["dimensions"]}
    labels.update(grade="考核等次", assessor_name="带辅民警")
    allowed = set(_open_rows(actor, cycle).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            for number, values in rows:
                try:
                    pk = int(values["pk"])
                except (TypeError, ValueError):
                    pk = None
                if pk not in allowed:
                    errors.append(
                        {
                            "row": number,
                            "column": "考核编号",
                            "message": _("Not an assessment of yours still open for scoring."),
                        }
                    )
                    continue
                try:
                    with transaction.atomic():
                        assessments.assessment_score(
                            actor=actor,
                            assessment=Assessment(pk=pk),
                            scores=values["scores"],
                            grade=values["grade"],
                            assessor_name=values["assessor_name"],
                            comment=values["comment"],
                        )
                except DomainError as error:
                    errors.append(
                        {
                            "row": number,
                            "column": labels.get(error.field or "", ""),
                            "message": str(error.message),
                        }
                    )
                if len(errors) >= 200:
                    break
            if errors:
                raise _Refused
    except _Refused:
        return 0, errors
    return len(rows), []


class _Refused(Exception):
    """Rolls the whole workbook back when any row failed."""


def workbook_import(job, upload, progress) -> tuple[int, list[dict]]:
    """Handler of "assessment.scores" workbook imports (run in Celery by auxpolice.core.sheet_imports)."""
    cycle = AssessmentCycle.objects.select_related("agency").get(pk=job.target["cycle"])
    rows = read(upload, cycle)
    progress(0, len(rows))
    recorded, errors = import_scores(actor=job.uploaded_by, cycle=cycle, rows=rows)
    progress(len(rows), len(rows))
    return recorded, errors
