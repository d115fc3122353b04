"""Standard statistics of the auxiliary force (辅警队伍基本情况): who is in post on a date in an agency
subtree, by category, sex, age band, education, tier and years of service; and the movements in a period
(hired, separated by kind). One grouped query per dimension, whatever the number of people.

Political status is not recorded by this system (no text asks for it), so it is not reported. A transfer
between agencies is not recorded as an event of its own either: the person's agency is simply changed."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from auxpolice.core.models import Agency, Category, Education
from auxpolice.core.scoping import scope

from .models import AuxiliaryOfficer, Separation, SeparationKind

AGE_BANDS = ((0, 25), (25, 35), (35, 45), (45, 55), (55, 200))
SERVICE_BANDS = ((0, 1), (1, 3), (3, 5), (5, 10), (10, 100))


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(n for _label, n in self.rows)


def in_post_on(*, user, root: Agency, on: date) -> QuerySet[AuxiliaryOfficer]:
    """Everyone in post on the date in the subtree of `root`: hired by then and not yet gone."""
    return scope(AuxiliaryOfficer.objects.all(), user).filter(
        Q(separated_on__isnull=True) | Q(separated_on__gt=on),
        agency__path__startswith=root.path,
        hired_on__lte=on,
    )


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _banded(field: str, on: date, bands) -> Case:
    """Band index of a date column by whole years before `on` (age from birth, service from hiring)."""
    return Case(
        *[
            When(
                **{f"{field}__lte": _years_before(on, low), f"{field}__gt": _years_before(on, high)},
                then=Value(index),
            )
            for index, (low, high) in enumerate(bands)
        ],
        default=Value(-1),
        output_field=IntegerField(),
    )


def _grouped(people: QuerySet, field: str) -> dict:
    return dict(people.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def composition(*, user, root: Agency, on: date) -> list[Table]:
    people = in_post_on(user=user, root=root, on=on)
    by_category = _grouped(people, "category")
    by_sex = _grouped(people, "sex")
    by_education = _grouped(people, "education")
    by_tier = _grouped(people, "tier")
    ages = dict(
        people.order_by()
        .annotate(band=_banded("birth_date", on, AGE_BANDS))
        .values_list("band")
        .annotate(n=Count("pk"))
        .values_list("band", "n")
    )
    service = dict(
        people.order_by()
        .annotate(band=_banded("hired_on", on, SERVICE_BANDS))
        .values_list("band")
        .annotate(n=Count("pk"))
        .values_list("band", "n")
    )
    return [
        Table(_("Category"), [(str(label), by_category.get(value, 0)) for value, label in Category.choices]),
        Table(_("Sex"), [(_("Male"), by_sex.get("male", 0)), (_("Female"), by_sex.get("female", 0))]),
        Table(
            _("Age"),
            [
                (_band_label(low, high, _("under %(n)s"), _("%(n)s and over")), ages.get(i, 0))
                for i, (low, high) in enumerate(AGE_BANDS)
            ],
        ),
        Table(
            _("Highest education"),
            [(str(label), by_education.get(value, 0)) for value, label in Education.choices]
            + [(_("Not recorded"), by_education.get("", 0))],
        ),
        Table(
            _("Tier"),
            sorted(((tier or _("Not graded"), n) for tier, n in by_tier.items()), key=lambda row: row[0]),
        ),
        Table(
            _("Years of service"),
            [
                (_band_label(low, high, _("under %(n)s years"), _("%(n)s years and more")), service.get(i, 0))
                for i, (low, high) in enumerate(SERVICE_BANDS)
            ],
        ),
    ]


def _band_label(low: int, high: int, below: str, above: str) -> str:
    if low == 0:
        return below % {"n": high}
    if high >= 100:
        return above % {"n": low}
    return f"{low}–{high - 1}"


def movements(*, user, root: Agency, since: date, until: date) -> list[Table]:
    hired = (
        scope(AuxiliaryOfficer.objects.all(), user)
        .filter(agency__path__startswith=root.path, hired_on__gte=since, hired_on__lte=until)
        .count()
    )
    separated = _grouped(
        scope(Separation.objects.all(), user, agency_field="officer__agency").filter(
            officer__agency__path__startswith=root.path, completed_on__gte=since, completed_on__lte=until
        ),
        "kind",
    )
    return [
        Table(_("Hired"), [(_("Hired"), hired)]),
        Table(
            _("Separated, by kind"),
            [(str(label), separated.get(value, 0)) for value, label in SeparationKind.choices],
        ),
    ]


def workbook(
    root: Agency, on: date, since: date, until: date, tables: list[Table], moves: list[Table]
) -> bytes:
    from io import BytesIO

    from openpyxl import Workbook

    from auxpolice.core.sheets import append_row

    book = Workbook()
    sheet = book.active
    sheet.title = "队伍基本情况"
    append_row(sheet, [f"{root.name} 辅警队伍基本情况（{on:%Y-%m-%d}）"])
    for table in tables:
        append_row(sheet, [])
        append_row(sheet, [table.title, "人数"])
        for label, n in table.rows:
            append_row(sheet, [label, n])
        append_row(sheet, ["合计", table.total])
    moved = book.create_sheet("人员变动")
    append_row(moved, [f"{root.name} 人员变动（{since:%Y-%m-%d} 至 {until:%Y-%m-%d}）"])
    for table in moves:
        append_row(moved, [])
        append_row(moved, [table.title, "人数"])
        for label, n in table.rows:
            append_row(moved, [label, n])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
