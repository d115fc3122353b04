"""The personnel list's newest-first pages in a narrow scope are built from each agency's newest rows (an
index probe per agency) instead of a walk of the whole table; both plans give the same pages and cursors."""

import random
from datetime import date

import pytest
from simple_history.utils import bulk_create_with_history

from headcount.models import Quota
from personnel import selectors
from personnel.models import AuxiliaryOfficer
from tests.factories import AgencyFactory, QuotaFactory, UserFactory

pytestmark = pytest.mark.postgres


def staff(agency, count: int, rng: random.Random, first: int = 0) -> list[AuxiliaryOfficer]:
    quota = Quota.objects.filter(agency=agency).first() or QuotaFactory(agency=agency, approved_total=200)
    return [
        AuxiliaryOfficer(
            agency=agency,
            quota=quota,
            full_name="张三",
            id_number="",
            id_number_index=f"{agency.code}-{serial}",
            id_number_masked="510" + "*" * 11 + f"{serial:04d}",
            birth_date=date(1990, 1, 1),
            sex="male",
            category=rng.choice(["civilian", "service"]),
            status=rng.choice(["in_post", "in_post", "probation"]),
            hired_on=date(2020, 3, 1),
        )
        for serial in range(first, first + count)
    ]


def every_page(user, filters: dict) -> list[tuple[list[int], str | None, str | None]]:
    pages, after = [], None
    while True:
        page = selectors.auxiliary_page_for(user=user, filters=filters, after=after, size=7)
        pages.append(([row.pk for row in page.rows], page.next_cursor, page.previous_cursor))
        if not page.next_cursor:
            return pages
        after = page.next_cursor


@pytest.fixture
def city_hired_long_ago(wuhou, jinjiang, sichuan):
    """The city's people were hired first; another city hired many since; the city hired a few lately."""
    rng = random.Random(3)
    elsewhere = AgencyFactory(code="510700", name="绵阳市公安局", level="prefecture", parent=sichuan)
    for serial in range(5):  # the city is a small part of the province's agencies
        AgencyFactory(code=f"5108{serial:02d}", name=f"其他市{serial}", level="prefecture", parent=sichuan)
    early = staff(wuhou, 20, rng) + staff(jinjiang, 20, rng)
    rng.shuffle(early)
    bulk_create_with_history(early, AuxiliaryOfficer)
    bulk_create_with_history(staff(elsewhere, 150, rng), AuxiliaryOfficer)
    bulk_create_with_history(staff(wuhou, 5, rng, first=20), AuxiliaryOfficer)


@pytest.mark.parametrize(
    "filters", [{}, {"status": "probation"}, {"category": "civilian"}, {"q": "张"}, {"q": "张三"}]
)
def test_per_agency_pages_equal_the_walk_of_the_table(
    db, city_officer, city_hired_long_ago, filters, monkeypatch
):
    probed = every_page(city_officer, filters)
    monkeypatch.setattr(selectors, "PER_AGENCY_LIMIT", 0)  # too many agencies: the walk
    walked = every_page(city_officer, filters)
    assert probed == walked
    ids = [pk for rows, _next, _previous in probed for pk in rows]
    expected = AuxiliaryOfficer.objects.filter(agency__path__startswith=city_officer.agency.path)
    if "q" in filters:
        expected = expected.filter(full_name__startswith=filters["q"])
    elif filters:
        expected = expected.filter(**filters)
    assert ids == list(expected.order_by("-id").values_list("pk", flat=True))


def test_going_back_a_page_gives_the_page_before(db, city_officer, city_hired_long_ago):
    pages = every_page(city_officer, {})
    third_rows, _next, back_from_third = pages[2]
    back = selectors.auxiliary_page_for(user=city_officer, filters={}, before=back_from_third, size=7)
    assert [row.pk for row in back.rows] == pages[1][0]


def test_a_narrow_scope_is_probed_per_agency_and_a_selective_search_is_not(
    db, city_officer, city_hired_long_ago
):
    assert selectors._newest_per_agency(city_officer, {}, None, False, 20) is not None
    assert selectors._newest_per_agency(city_officer, {"q": "张"}, None, False, 20) is not None
    assert selectors._newest_per_agency(city_officer, {"q": "张三"}, None, False, 20) is None
    assert selectors._newest_per_agency(city_officer, {"q": "0012"}, None, False, 20) is None


def test_a_dense_scope_walks_the_table_instead_of_probing_every_agency(db, sichuan, city_hired_long_ago):
    province_officer = UserFactory(username="province_officer", role="officer", agency=sichuan)
    assert selectors._newest_per_agency(province_officer, {}, None, False, 20) is None
    assert selectors._newest_per_agency(province_officer, {"q": "张"}, None, False, 20) is None
