"""The payroll reads national law's adjustments: probation days at the agency's percentage
(劳动合同法 第二十条: never under 80 % nor under the local minimum wage) and approved unpaid personal leave
per working day."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from auxpolice.core.errors import DomainError
from auxpolice.rules import services as rule_services
from compensation.exports import payslips
from compensation.models import PayrollLine
from personnel.services.contracts import contract_sign
from personnel.services.leave import leave_decide, leave_request
from tests.assessment.builders import people
from tests.compensation.test_compensation import payroll_setup, run_payroll, stat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def holiday_calendar():
    call_command("calendar_seed", stdout=io.StringIO())


D = Decimal
MINIMUM = "local_minimum_monthly_wage"


def on_probation(officer, person):
    return contract_sign(
        actor=officer,
        officer=person,
        starts_on=date(2026, 11, 1),
        ends_on=date(2027, 10, 31),
        probation_ends_on=date(2026, 12, 31),
        stated_items=("rights_duties", "term", "pay", "probation"),
    )


def test_probation_days_are_paid_at_the_agency_percentage_and_the_minimum_wage_is_checked(
    sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, _supervisor = payroll_setup(sysadmin)
    rule_services.agency_setting_set(
        actor=sysadmin, agency=agency, key="probation_pay_percent", value="80", basis="局务会纪要"
    )
    stat(agency, officer, MINIMUM, "3300", year=2026)
    [newcomer, settled] = people(agency, officer, 2, hired_on=date(2026, 11, 1))
    on_probation(officer, newcomer)
    run = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    lines = {line.officer_id: line for line in PayrollLine.objects.filter(run=run)}
    # 三级: 3000 + 1000 a month; a whole month on probation at 80 %: 800 less.
    assert lines[newcomer.pk].probation_deduction == D("800.00")
    assert lines[newcomer.pk].gross == D("3200.00")
    assert lines[settled.pk].probation_deduction == 0 and lines[settled.pk].gross == D("4000.00")
    [warning] = [w for w in run.warnings if "劳动合同法 第二十条" in w]
    assert str(newcomer.pk) in warning and "3300.00" in warning
    assert (
        payslips(run, PayrollLine.objects.filter(run=run).select_related("officer", "agency"))[:4] == b"%PDF"
    )


def test_probation_pay_below_eighty_percent_cannot_be_set(sysadmin):
    agency, _officer, _supervisor = payroll_setup(sysadmin)
    with pytest.raises(DomainError):
        rule_services.agency_setting_set(
            actor=sysadmin, agency=agency, key="probation_pay_percent", value="79", basis="局务会纪要"
        )


@pytest.mark.parametrize("jurisdiction", ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"])
def test_approved_unpaid_leave_is_deducted_per_working_day(
    sysadmin, django_capture_on_commit_callbacks, jurisdiction
):
    agency, officer, supervisor = payroll_setup(sysadmin, jurisdiction)
    [person, other] = people(agency, officer, 2, hired_on=date(2026, 1, 1))
    leave = leave_request(
        actor=officer, officer=person, kind="personal", starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 4)
    )
    leave_decide(actor=supervisor, leave=leave, approve=True)
    refused = leave_request(
        actor=officer, officer=other, kind="personal", starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 4)
    )
    leave_decide(actor=supervisor, leave=refused, approve=False)
    run = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    lines = {line.officer_id: line for line in PayrollLine.objects.filter(run=run)}
    # 4000 / 21.75 × 3 working days = 551.72
    assert (lines[person.pk].unpaid_leave_days, lines[person.pk].leave_deduction) == (3, D("551.72"))
    assert lines[person.pk].gross == D("3448.28")
    assert lines[other.pk].leave_deduction == 0 and lines[other.pk].gross == D("4000.00")
