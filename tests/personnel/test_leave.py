"""Leave: annual leave by years of work (职工带薪年休假条例 第三条), counted in working days on the holiday
calendar, never beyond the year's balance; decided by a supervisor."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from auxpolice.core.errors import NotPermitted, RuleViolation
from personnel.models import LeaveEntitlement, LeaveRequest
from personnel.services.leave import annual_balance, leave_decide, leave_entitlement_record, leave_request
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def calendar():
    call_command("calendar_seed", stdout=io.StringIO())


def test_the_balance_follows_years_of_work_across_a_year_boundary_and_after_ten_years(county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=5, year=2016)
    QuotaFactory(agency=wuhou, approved_total=5, year=2025)
    veteran = hire(county_officer, wuhou, serial=1, hired_on=date(2016, 6, 1))
    newcomer = hire(county_officer, wuhou, serial=2, hired_on=date(2025, 3, 1))
    assert annual_balance(newcomer, 2025).entitled == 0  # under a year of work at the start of 2025
    assert annual_balance(newcomer, 2026).entitled == 0  # still under a year on 1 January 2026
    assert annual_balance(newcomer, 2027).entitled == 5
    assert annual_balance(veteran, 2026).entitled == 5  # 9 full years on 1 January 2026
    assert annual_balance(veteran, 2027).entitled == 10  # 10 years on 1 January 2027
    assert annual_balance(veteran, 2026).citations[0].label_zh == "职工带薪年休假条例 第三条第一款"


def test_annual_leave_counts_working_days_and_a_request_over_the_balance_is_refused(
    county_officer, supervisor, wuhou
):
    QuotaFactory(agency=wuhou, approved_total=5, year=2020)
    person = hire(county_officer, wuhou, serial=3, hired_on=date(2020, 3, 1))
    # 28 Sep – 9 Oct 2026 spans the National Day holiday: only the working days count.
    first = leave_request(
        actor=county_officer,
        officer=person,
        kind="annual",
        starts_on=date(2026, 9, 28),
        ends_on=date(2026, 10, 9),
    )
    assert first.working_days < 10
    left = annual_balance(person, 2026).left
    with pytest.raises(RuleViolation) as refused:
        leave_request(
            actor=county_officer,
            officer=person,
            kind="annual",
            starts_on=date(2026, 11, 2),
            ends_on=date(2026, 11, 13),
        )
    assert refused.value.field == "ends_on" and f"{left}" in str(refused.value.message)
    assert LeaveRequest.objects.count() == 1
    with pytest.raises(NotPermitted):
        leave_decide(actor=county_officer, leave=first, approve=True)  # not the person who entered it
    assert leave_decide(actor=supervisor, leave=first, approve=True).status == "approved"


def test_maternity_leave_lasts_98_calendar_days_plus_the_statutory_additions(county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=5, year=2024)
    person = hire(county_officer, wuhou, serial=4, hired_on=date(2024, 3, 1))
    with pytest.raises(RuleViolation) as refused:  # 99 calendar days
        leave_request(
            actor=county_officer,
            officer=person,
            kind="maternity",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 4, 9),
        )
    assert "女职工劳动保护特别规定 第七条第一款" in str(refused.value.message)
    twins = leave_request(
        actor=county_officer,
        officer=person,
        kind="maternity",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 4, 23),
        statutory_extra_days=15,  # 113 days: twins
    )
    assert twins.basis == "女职工劳动保护特别规定 第七条第一款"
    with pytest.raises(RuleViolation) as refused:
        leave_request(
            actor=county_officer,
            officer=person,
            kind="sick",
            starts_on=date(2026, 6, 1),
            ends_on=date(2026, 6, 2),
            statutory_extra_days=15,
        )
    assert refused.value.field == "statutory_extra_days"


def test_a_province_extension_entered_with_its_document_applies_to_its_subtree(
    county_officer, wuhou, sichuan, sysadmin
):
    QuotaFactory(agency=wuhou, approved_total=5, year=2024)
    person = hire(county_officer, wuhou, serial=5, hired_on=date(2024, 3, 1))
    with pytest.raises(RuleViolation) as refused:  # below the national minimum
        leave_entitlement_record(
            actor=sysadmin,
            agency=sichuan,
            kind="maternity",
            days=90,
            counted_in="calendar",
            effective_from=date(2021, 1, 1),
            source="某文件",
        )
    assert refused.value.field == "days"
    leave_entitlement_record(
        actor=sysadmin,
        agency=sichuan,
        kind="maternity",
        days=158,
        counted_in="calendar",
        effective_from=date(2021, 1, 1),
        source="四川省人口与计划生育条例（2021年修正）",
    )
    leave = leave_request(
        actor=county_officer,
        officer=person,
        kind="maternity",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 6, 7),  # 158 days
    )
    assert "四川省人口与计划生育条例" in leave.basis
    with pytest.raises(NotPermitted):  # an HR office enters lengths only for its own subtree
        leave_entitlement_record(
            actor=county_officer,
            agency=sichuan,
            kind="marriage",
            days=3,
            counted_in="working",
            effective_from=date(2021, 1, 1),
            source="x",
        )
    leave_entitlement_record(
        actor=county_officer,
        agency=wuhou,
        kind="marriage",
        days=3,
        counted_in="working",
        effective_from=date(2021, 1, 1),
        source="区人社局通知",
    )
    with pytest.raises(RuleViolation):  # 4 working days of marriage leave
        leave_request(
            actor=county_officer,
            officer=person,
            kind="marriage",
            starts_on=date(2026, 11, 2),
            ends_on=date(2026, 11, 5),
        )


def test_unused_annual_leave_carries_into_next_year_up_to_the_agency_setting(county_officer, wuhou, sysadmin):
    from auxpolice.rules import services as rule_services

    QuotaFactory(agency=wuhou, approved_total=5, year=2020)
    person = hire(county_officer, wuhou, serial=6, hired_on=date(2020, 3, 1))
    leave_request(
        actor=county_officer,
        officer=person,
        kind="annual",
        starts_on=date(2026, 11, 2),
        ends_on=date(2026, 11, 3),
    )  # 2 of 5 days in 2026: 3 unused
    assert annual_balance(person, 2027).entitled == 5  # no carry-over by default
    rule_services.agency_setting_set(
        actor=sysadmin, agency=wuhou, key="annual_leave_carry_over_days", value="2", basis="局务会纪要"
    )
    assert annual_balance(person, 2027).entitled == 7  # 5 + at most 2 of the 3 unused
    assert annual_balance(person, 2028).entitled == 5 + 2  # 2027's own 5 unused, 2 carried; never 2026's


def test_the_leave_lengths_page_lists_the_national_minimum_and_takes_an_entry(client, sysadmin, sichuan):
    from django.urls import reverse

    from tests.conftest import client_for

    client_for(client, sysadmin)
    page = client.get(reverse("leave_entitlements")).content.decode()
    assert "女职工劳动保护特别规定 第七条第一款" in page and "98" in page
    response = client.post(
        reverse("leave_entitlements"),
        {
            "agency": sichuan.pk,
            "kind": "maternity",
            "days": "60",
            "counted_in": "calendar",
            "effective_from": "2021-01-01",
            "source": "某条例",
        },
    )
    assert response.status_code == 400 and 'value="某条例"' in response.content.decode()
    assert LeaveEntitlement.objects.count() == 0


def test_the_leave_page_shows_this_and_next_years_balance(client, county_officer, wuhou):
    from django.urls import reverse

    from tests.conftest import client_for

    QuotaFactory(agency=wuhou, approved_total=5, year=2015)
    person = hire(county_officer, wuhou, serial=7, hired_on=date(2015, 3, 1))
    client_for(client, county_officer)
    page = client.get(reverse("person_records", args=[person.pk, "leave"])).content.decode()
    # 11 full years on 1 January 2026: 10 days; 2027 the same
    assert "2026" in page and "10 天中剩余 10 天" in page and "职工带薪年休假条例 第三条第一款" in page


@pytest.mark.parametrize("jurisdiction", ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"])
def test_annual_leave_over_the_balance_is_refused_in_every_jurisdiction(jurisdiction):
    from tests.assessment.builders import people, staff_of
    from tests.recruitment.builders import agency_in

    agency = agency_in(jurisdiction)
    officer, _supervisor, _ = staff_of(agency)
    [person] = people(agency, officer, 1, hired_on=date(2015, 3, 1))  # 11 years on 1 January 2026: 10 days
    assert annual_balance(person, 2026).entitled == 10
    with pytest.raises(RuleViolation) as refused:  # 2–13 November 2026: ten working days, then one more
        leave_request(
            actor=officer,
            officer=person,
            kind="annual",
            starts_on=date(2026, 11, 2),
            ends_on=date(2026, 11, 16),
        )
    assert "职工带薪年休假条例 第三条第一款" in [str(c) for c in refused.value.citations]
