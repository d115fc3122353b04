"""经济补偿 on the separation page: owed by the way the contract ends (劳动合同法 第四十六条),
computed from the approved payroll's twelve-month average, capped at three times the city's average monthly
wage and twelve years (第四十七条), exported with the separation."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from compensation.models import PayrollLine, PayrollRun, RunStatus
from compensation.services.scales import statistic_record
from personnel.services.separation import separation_open
from tests.assessment.builders import people, staff_of
from tests.conftest import client_for
from tests.recruitment.builders import agency_in

pytestmark = pytest.mark.django_db
D = Decimal
EVERY = ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"]
MONEY_FIELDS = [
    "base",
    "tier_pay",
    "post_allowance",
    "performance",
    "overtime_pay",
    "contribution_base",
    "pension_employee",
    "medical_employee",
    "unemployment_employee",
    "housing_fund_employee",
    "income_tax",
    "employer_contributions",
]


def approved_pay(agency, approver, person, gross, months):
    """Approved payroll months (the payroll's own computation is tested in tests/compensation)."""
    for month in months:
        run = PayrollRun.objects.create(
            agency=agency, month=month, status=RunStatus.APPROVED, created_by=approver, approved_by=approver
        )
        PayrollLine.objects.create(
            run=run,
            officer=person,
            agency=agency,
            days_paid=30,
            days_in_month=30,
            gross=gross,
            net=gross,
            **dict.fromkeys(MONEY_FIELDS, D(0)),
        )


def a_year_before(leaves_on):
    return [date(leaves_on.year - (1 if m >= leaves_on.month else 0), m, 1) for m in range(1, 13)]


def leaver(jurisdiction, hired_on):
    agency = agency_in(jurisdiction)
    officer, supervisor, _ = staff_of(agency)
    [person] = people(agency, officer, 1, hired_on=hired_on)
    return agency, officer, supervisor, person


def open_separation(officer, person, ground, leaves_on=date(2026, 10, 31)):
    return separation_open(
        actor=officer,
        officer=person,
        kind="contract_end",
        leaves_on=leaves_on,
        reason="合同期满不续订",
        severance_ground=ground,
    )


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_three_years_four_months_pays_three_and_a_half_months(jurisdiction):
    agency, officer, supervisor, person = leaver(jurisdiction, date(2023, 7, 1))
    approved_pay(agency, supervisor, person, D("6000.00"), a_year_before(date(2026, 10, 31)))
    separation = open_separation(officer, person, "art46_5")
    assert (separation.severance_months, separation.severance_base, separation.severance_amount) == (
        D("3.5"),
        D("6000.00"),
        D("21000.00"),
    )
    assert "劳动合同法 第四十六条第（五）项" in separation.severance_basis
    assert "劳动合同法 第四十七条第一款" in separation.severance_basis


def test_five_months_pay_half_a_month_over_the_months_worked():
    agency, officer, supervisor, person = leaver("sichuan", date(2026, 6, 1))
    approved_pay(agency, supervisor, person, D("5000.00"), [date(2026, m, 1) for m in range(6, 10)])
    approved_pay(agency, supervisor, person, D("7000.00"), [date(2026, 10, 1)])  # the month of leaving
    separation = open_separation(officer, person, "art46_2")
    # June to October: five months of work; the wage base averages the four months before October.
    assert (separation.severance_months, separation.severance_amount) == (D("0.5"), D("2500.00"))


def test_a_high_earner_is_capped_at_three_times_the_local_average_and_twelve_years():
    agency, officer, supervisor, person = leaver("p001", date(2012, 5, 1))  # 14 years 6 months
    approved_pay(agency, supervisor, person, D("20000.00"), a_year_before(date(2026, 10, 31)))
    statistic_record(
        actor=officer,
        agency=agency,
        kind="prior_year_local_average_monthly_wage",
        year=2025,
        amount="6000",
        source="市人社局 2025年度全市职工月平均工资公告",
    )
    separation = open_separation(officer, person, "art46_3")
    assert (separation.severance_months, separation.severance_base, separation.severance_amount) == (
        D("12"),
        D("18000.00"),
        D("216000.00"),
    )
    assert "第四十七条第二款" in separation.severance_basis and "市人社局" in separation.severance_basis


def test_no_severance_when_the_person_refused_renewal_on_equal_terms_or_resigned():
    agency, officer, supervisor, person = leaver("inner_mongolia", date(2020, 1, 1))
    approved_pay(agency, supervisor, person, D("6000.00"), a_year_before(date(2026, 10, 31)))
    separation = open_separation(officer, person, "renewal_refused")
    assert separation.severance_amount == 0 and "不支付经济补偿" in separation.severance_basis


def test_without_approved_pay_the_page_says_what_is_missing_and_keeps_no_figure():
    _agency, officer, _supervisor, person = leaver("nantong", date(2024, 1, 1))
    separation = open_separation(officer, person, "art46_4")
    assert separation.severance_amount is None
    assert "劳动合同法 第四十六条第（四）项" in separation.severance_basis


def test_the_separation_list_shows_and_exports_the_severance(client):
    agency, officer, supervisor, person = leaver("hangzhou", date(2023, 7, 1))
    approved_pay(agency, supervisor, person, D("6000.00"), a_year_before(date(2026, 10, 31)))
    open_separation(officer, person, "art46_5")
    client_for(client, officer)
    page = client.get(reverse("person_records", args=[person.pk, "separation"])).content.decode()
    assert "21,000.00" in page
    response = client.get(reverse("records_list", args=["separation"]), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == person.full_name and 21000 in rows[1]  # a number, not text
    assert date(2026, 10, 31) in [cell.date() if hasattr(cell, "date") else cell for cell in rows[1]]
