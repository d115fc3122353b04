"""Leave: annual leave by years of work (职工带薪年休假条例 第三条), counted in working days on the holiday
calendar, never beyond the year's balance; decided by a supervisor."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from auxpolice.core.errors import NotPermitted, RuleViolation
from personnel.models import LeaveRequest
from personnel.services.leave import annual_balance, leave_decide, leave_request
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
