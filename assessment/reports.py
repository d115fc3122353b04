"""Distribution of grades and tiers by agency, for the report page and its Excel export. Grouped in the
database (two queries whatever the headcount)."""

from collections import defaultdict
from dataclasses import dataclass, field
from io import BytesIO

from django.db.models import Count
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from auxpolice.core.scoping import scope
from auxpolice.core.sheets import append_row
from personnel.models import AuxiliaryOfficer, OfficerStatus

from .models import Assessment, AssessmentCycle
from .services.tiers import tier_scheme_for_agency

UNGRADED = "—"


@dataclass
class Distribution:
    columns: list[str]
    rows: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # (agency name, {column: count})

    @property
    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for _name, counts in self.rows:
            for column, n in counts.items():
                totals[column] += n
        return dict(totals)

    def shares(self):
        """Rows with each column's share in percent, for the bar chart."""
        for name, counts in self.rows:
            total = sum(counts.values()) or 1
            yield (
                name,
                sum(counts.values()),
                [
                    (column, counts.get(column, 0), 100 * counts.get(column, 0) / total)
                    for column in self.columns
                ],
            )


def _pivot(values, columns: list[str]) -> Distribution:
    table: dict[str, dict[str, int]] = defaultdict(dict)
    order: list[str] = []
    for row in values:
        name = row["agency__name"]
        if name not in table:
            order.append(name)
        key = row["key"] or UNGRADED
        table[name][key] = table[name].get(key, 0) + row["n"]
        if key not in columns:
            columns.append(key)
    return Distribution(columns=columns, rows=[(name, table[name]) for name in order])


def grade_distribution(*, user, cycle: AssessmentCycle) -> Distribution:
    values = (
        scope(Assessment.objects.filter(cycle=cycle), user)
        .values("agency__name", "agency__path", "grade")
        .annotate(n=Count("pk"))
        .order_by("agency__path", "grade")
    )
    return _pivot(
        ({"agency__name": v["agency__name"], "key": v["grade"], "n": v["n"]} for v in values),
        list(cycle.scheme["grades"]),
    )


def tier_distribution(*, user, cycle: AssessmentCycle) -> Distribution:
    """Tiers of the people in post in the cycle's subtree, as they are now."""
    values = (
        scope(AuxiliaryOfficer.objects.filter(agency__path__startswith=cycle.agency.path), user)
        .exclude(status=OfficerStatus.SEPARATED)
        .values("agency__name", "agency__path", "tier")
        .annotate(n=Count("pk"))
        .order_by("agency__path", "tier")
    )
    return _pivot(
        ({"agency__name": v["agency__name"], "key": v["tier"], "n": v["n"]} for v in values),
        list(tier_scheme_for_agency(cycle.agency)),
    )


def _sheet(book: Workbook, title: str, distribution: Distribution) -> None:
    sheet = book.create_sheet(title)
    append_row(sheet, ["机构", *distribution.columns, "合计"])
    for name, counts in distribution.rows:
        append_row(sheet, [name, *[counts.get(c, 0) for c in distribution.columns], sum(counts.values())])
    totals = distribution.totals
    append_row(sheet, ["合计", *[totals.get(c, 0) for c in distribution.columns], sum(totals.values())])
    if distribution.rows:
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap, chart.title = "bar", "stacked", 100, title
        last = len(distribution.rows) + 1
        chart.add_data(
            Reference(sheet, min_col=2, max_col=len(distribution.columns) + 1, min_row=1, max_row=last),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
        sheet.add_chart(chart, f"B{last + 3}")


def report_workbook(*, user, cycle: AssessmentCycle) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, f"{cycle.year}年度考核等次", grade_distribution(user=user, cycle=cycle))
    _sheet(book, "层级分布", tier_distribution(user=user, cycle=cycle))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
