"""体能测评: the agency enters the pass marks of a published standard (with its source) for an announcement;
a candidate's measured values are judged item by item against the mark for their sex and their age on the
test day (from the ID number's birth date), and the stage result follows: pass only when every item passes,
the failing items named. No mark is built in: a standard comes only from what the agency enters."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User
from auxpolice.rules.evaluators.eligibility import age_on

from ..models import Announcement, Application, PhysicalItemResult, PhysicalMark, PhysicalStandard
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


def judge(application: Application, tested_on: date, values: dict[str, Decimal]) -> list[Judged]:
    standard = PhysicalStandard.objects.filter(announcement_id=application.announcement_id).first()
    if standard is None:
        raise DomainError(
            _("Enter the physical test standard for this announcement first."), code="no_standard"
        )
    age = age_on(application.birth_date, tested_on)
    marks = {
        m.item: m for m in standard.marks.filter(sex=application.sex, age_from__lte=age, age_to__gte=age)
    }
    items = sorted({m.item for m in standard.marks.filter(sex=application.sex)})
    judged = []
    for item in items:
        if item not in marks:
            raise DomainError(
                _("The standard has no mark for %(item)s at age %(age)s.") % {"item": item, "age": age},
                field="values",
            )
        if values.get(item) is None:
            raise DomainError(_("Enter the result of %(item)s.") % {"item": item}, field="values")
        judged.append(Judged(item, Decimal(values[item]), marks[item]))
    return judged


@recused("result", one)
def physical_result_record(
    *, actor: User, application: Application, tested_on: date, values: dict[str, Decimal]
) -> Application:
    """Judge every item, keep each measurement, and record the stage result (recusal and the stage checks
    of `result_record` apply)."""
    judged = judge(application, tested_on, values)
    failed = [j for j in judged if not j.passed]
    detail = "；".join(
        f"{j.item} {j.value:.2f}{j.mark.unit}"
        f"（合格标准 {'≤' if j.mark.lower_is_better else '≥'}{j.mark.pass_mark}{j.mark.unit}）"
        for j in failed
    )
    with transaction.atomic():
        recorded = result_record.__wrapped__(  # recusal checked above, outside the transaction
            actor=actor,
            application=application,
            outcome="fail" if failed else "pass",
            detail=f"未达标：{detail}" if failed else "",
        )
        rows = [
            PhysicalItemResult(
                application=application,
                item=j.item,
                value=j.value,
                pass_mark=j.mark.pass_mark,
                passed=j.passed,
                tested_on=tested_on,
                recorded_by=actor,
            )
            for j in judged
        ]
        for row in rows:
            authored(row, actor)
            row.save()
    return recorded
