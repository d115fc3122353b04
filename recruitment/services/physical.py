"""体能测评: the agency enters the pass marks of a published standard (with its source) for an announcement;
a candidate's measured values are judged item by item against the mark for their sex and their age on the
test day (from the ID number's birth date), and the stage result follows: pass only when every item passes,
the failing items named. No mark is built in: a standard comes only from what the agency enters."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User
from auxpolice.rules.evaluators.eligibility import age_on

from .. import selectors
from ..documents import PhysicalRow, read_physical
from ..models import (
    Announcement,
    Application,
    ApplicationStatus,
    PhysicalItemResult,
    PhysicalMark,
    PhysicalStandard,
)
from .common import check_may_change
from .recusal import one, recused
from .results import result_record

SEXES = {"男": "male", "女": "female", "male": "male", "female": "female"}
LOWER = {"低", "越低越好", "lower", "秒"}


def _parse_line(number: int, line: str) -> PhysicalMark:
    """One line of the standard as the agency types it, e.g. "10米×4往返跑, 秒, 低, 男, 18-29, 13.1":
    item, unit, lower (低) or higher (高) is better, sex, age band, pass mark."""
    parts = [part.strip() for part in line.replace("，", ",").split(",")]
    try:
        item, unit, better, sex, band, mark = parts
        low, _dash, high = band.replace("–", "-").partition("-")
        return PhysicalMark(
            item=item,
            unit=unit,
            lower_is_better=better in LOWER,
            sex=SEXES[sex],
            age_from=int(low),
            age_to=int(high),
            pass_mark=Decimal(mark),
        )
    except (ValueError, KeyError, InvalidOperation):
        raise DomainError(
            _("Line %(n)s: write “item, unit, 低 or 高, 男 or 女, age from-to, pass mark”.") % {"n": number},
            field="marks",
        ) from None


@transaction.atomic
def physical_standard_set(
    *, actor: User, announcement: Announcement, source: str, marks: str
) -> PhysicalStandard:
    check_may_change(actor, announcement.agency)
    if "physical_test" not in announcement.stages:
        raise DomainError(_("This announcement has no physical test."), field="marks")
    if not source.strip():
        raise DomainError(_("Give the standard's source document."), field="source")
    parsed = [_parse_line(n, line) for n, line in enumerate(marks.splitlines(), 1) if line.strip()]
    if not parsed:
        raise DomainError(_("Enter at least one pass mark."), field="marks")
    if PhysicalItemResult.objects.filter(application__announcement=announcement).exists():
        raise DomainError(_("Results were measured against this standard: it stays."), code="in_use")
    standard, _created = PhysicalStandard.objects.update_or_create(
        announcement=announcement, defaults={"source": source.strip(), "entered_by": actor}
    )
    standard.marks.all().delete()
    for mark in parsed:
        mark.standard = standard
    PhysicalMark.objects.bulk_create(parsed)
    return standard


@dataclass(frozen=True)
class Judged:
    item: str
    value: Decimal
    mark: PhysicalMark

    @property
    def passed(self) -> bool:
        return (
            self.value <= self.mark.pass_mark
            if self.mark.lower_is_better
            else self.value >= self.mark.pass_mark
        )


def standard_marks(announcement_id: int) -> list[PhysicalMark]:
    return list(PhysicalMark.objects.filter(standard__announcement_id=announcement_id))


def judge(
    application: Application,
    tested_on: date,
    values: dict[str, Decimal],
    marks: list[PhysicalMark] | None = None,
) -> list[Judged]:
    """Each item of the standard for the candidate's sex, judged against the mark of their age band on the
    test day. `marks`: the announcement's standard, when the caller judges many candidates."""
    marks = standard_marks(application.announcement_id) if marks is None else marks
    if not marks:
        raise DomainError(
            _("Enter the physical test standard for this announcement first."), code="no_standard"
        )
    age = age_on(application.birth_date, tested_on)
    own = [m for m in marks if m.sex == application.sex]
    applying = {m.item: m for m in own if m.age_from <= age <= m.age_to}
    judged = []
    for item in sorted({m.item for m in own}):
        if item not in applying:
            raise DomainError(
                _("The standard has no mark for %(item)s at age %(age)s.") % {"item": item, "age": age},
                field="values",
            )
        if values.get(item) is None:
            raise DomainError(_("Enter the result of %(item)s.") % {"item": item}, field="values")
        judged.append(Judged(item, Decimal(values[item]), applying[item]))
    return judged


def _record(actor: User, application: Application, tested_on: date, judged: list[Judged]) -> Application:
    """The stage result from the judged items and every measurement kept; the caller holds the transaction
    and has checked recusal."""
    failed = [j for j in judged if not j.passed]
    detail = "；".join(
        f"{j.item} {j.value:.2f}{j.mark.unit}"
        f"（合格标准 {'≤' if j.mark.lower_is_better else '≥'}{j.mark.pass_mark}{j.mark.unit}）"
        for j in failed
    )
    recorded = result_record.__wrapped__(
        actor=actor,
        application=application,
        outcome="fail" if failed else "pass",
        detail=f"未达标：{detail}" if failed else "",
    )
    for j in judged:
        row = PhysicalItemResult(
            application=application,
            item=j.item,
            value=j.value,
            pass_mark=j.mark.pass_mark,
            passed=j.passed,
            tested_on=tested_on,
            recorded_by=actor,
        )
        authored(row, actor)
        row.save()
    return recorded


@recused("result", one)
def physical_result_record(
    *, actor: User, application: Application, tested_on: date, values: dict[str, Decimal]
) -> Application:
    """Judge every item, keep each measurement, and record the stage result (recusal and the stage checks
    of `result_record` apply)."""
    judged = judge(application, tested_on, values)
    with transaction.atomic():  # recusal checked above, outside the transaction
        return _record(actor, application, tested_on, judged)


@recused(
    "result",
    lambda announcement, rows, **_: (
        Application.objects.filter(announcement=announcement, ticket_number__in=[row.ticket for row in rows]),
        announcement.agency,
    ),
)
@transaction.atomic
def physical_results_import(
    *, actor: User, announcement: Announcement, rows: list[PhysicalRow]
) -> tuple[int, list[dict]]:
    """The physical test measured item by item, from a workbook: every row checked and judged first (ticket,
    date, each value, the standard's mark for the candidate), then all recorded, or none. Errors name the row
    and the column."""
    check_may_change(actor, announcement.agency)
    marks = standard_marks(announcement.pk)
    if not marks:
        raise DomainError(
            _("Enter the physical test standard for this announcement first."), code="no_standard"
        )
    if not rows:
        return 0, [{"row": None, "column": "", "message": _("The workbook has no result rows.")}]
    waiting = {
        a.ticket_number: a
        for a in Application.objects.filter(
            announcement=announcement, stage="physical_test", status=ApplicationStatus.IN_PROGRESS
        )
    }
    errors: list[dict] = []
    chosen: list[tuple[Application, date | None, list[Judged]]] = []
    seen: set[str] = set()
    for row in rows:
        application = waiting.get(row.ticket)
        problem, judged = _judge_row(row, application, seen, marks)
        seen.add(row.ticket)
        if problem:
            errors.append({"row": row.number, "column": problem[0], "message": problem[1]})
        elif application is not None:
            chosen.append((application, None if row.absent else row.tested_on, judged))
    if errors:
        return 0, errors
    for application, tested_on, judged in chosen:
        if tested_on is None:
            result_record.__wrapped__(actor=actor, application=application, outcome="absent")
        else:
            _record(actor, application, tested_on, judged)
    return len(chosen), []


def _judge_row(
    row: PhysicalRow, application, seen: set[str], marks
) -> tuple[tuple[str, str] | None, list[Judged]]:
    """The row judged against the standard, or (column, message) of the first thing wrong with it."""
    problem = _row_problem(row, application, seen, marks)
    if problem or row.absent or row.tested_on is None:
        return problem, []
    values = {item: Decimal(str(value)) for item, value in row.values.items()}
    try:
        return None, judge(application, row.tested_on, values, marks)
    except DomainError as refused:
        return ("", str(refused.message)), []


def _row_problem(row: PhysicalRow, application, seen: set[str], marks) -> tuple[str, str] | None:
    """(column, message) of the first thing wrong with a row before it is judged, or None."""
    if row.ticket in seen:
        return "准考证号", _("Ticket %(t)s appears twice.") % {"t": row.ticket}
    if application is None:
        return "准考证号", _("No candidate at this stage has ticket “%(t)s”.") % {"t": row.ticket}
    if row.absent:
        return None
    if row.tested_on is None:
        return "测试日期", _("Write the test date as 2026-11-02.")
    if row.tested_on > timezone.localdate():
        return "测试日期", _("%(what)s cannot be in the future.") % {"what": _("The test date")}
    own = {m.item for m in marks if m.sex == application.sex}
    for item in sorted(own):
        if item not in row.values:
            return item, _("Enter the result of %(item)s.") % {"item": item}
    for item, value in row.values.items():
        if item not in own:
            return item, _("%(item)s is not tested for %(name)s (%(sex)s): leave it blank.") % {
                "item": item,
                "name": application.full_name,
                "sex": application.get_sex_display(),
            }
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return item, _("Write a number.")
        if not number.is_finite() or not 0 <= number < 100000:
            return item, _("Write a number.")
    return None


def physical_workbook_import(job, upload, progress) -> tuple[int, list[dict]]:
    """Handler of "recruitment.physical" workbook imports (run in Celery by auxpolice.core.sheet_imports)."""
    announcement = Announcement.objects.select_related("agency").get(pk=job.target["announcement"])
    rows = read_physical(upload, selectors.physical_items(announcement.pk))
    progress(0, len(rows))
    recorded, errors = physical_results_import(actor=job.uploaded_by, announcement=announcement, rows=rows)
    progress(len(rows), len(rows))
    return recorded, errors
