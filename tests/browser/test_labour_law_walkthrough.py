"""National labour law in the officer's browser: after two fixed terms the renewal proposes an open-ended
contract and refuses a third fixed term with 劳动合同法 第十四条; leaving shows the severance with its
articles. Screenshots: test-artifacts/screenshots/labour-law-*.png."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from compensation.models import PayrollLine, PayrollRun, RunStatus
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from personnel.services.contracts import contract_renew, contract_sign
from tests.browser.test_staff_walkthrough import log_in
from tests.factories import QuotaFactory, UserFactory
from tests.personnel.test_contracts import FULL_CONTENTS
from tests.recruitment.builders import id_number

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.today("2027-01-20")]


def test_open_ended_renewal_and_severance(page, live_server, county_officer, wuhou, shoot):
    QuotaFactory(agency=wuhou, approved_total=5, year=2023)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="周明",
            id_number=id_number(date(1990, 3, 1)),
            category="service",
            hired_on=date(2023, 7, 1),
        ),
    )
    first = contract_sign(
        actor=county_officer,
        officer=person,
        starts_on=date(2023, 7, 1),
        ends_on=date(2025, 6, 30),
        probation_ends_on=date(2023, 8, 31),
        stated_items=FULL_CONTENTS,
    )
    contract_renew(
        actor=county_officer, contract=first, ends_on=date(2027, 2, 28), basis="2024年度考核：称职"
    )
    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/personnel/{person.pk}/")
    page.get_by_text("续签劳动合同", exact=True).click()
    expect(page.get_by_text("已连续订立2次固定期限劳动合同")).to_be_visible()
    expect(page.get_by_role("radio", name="无固定期限")).to_be_checked()  # proposed
    page.get_by_role("radio", name="固定期限", exact=True).check()
    page.locator("#id_ends_on").fill("2029-02-28")
    page.locator("#id_basis").fill("2026年度考核：称职")
    page.get_by_role("button", name="续签").click()
    expect(page.get_by_text("劳动合同法 第十四条第二款第（三）项").first).to_be_visible()
    expect(page.locator("#id_ends_on")).to_have_value("2029-02-28")  # kept
    shoot("labour-law-01-fixed-term-refused")
    page.get_by_role("radio", name="无固定期限").check()
    page.locator("#id_ends_on").fill("")
    page.get_by_role("button", name="续签").click()
    expect(page.get_by_text("2027-03-01 – 无固定期限")).to_be_visible()
    shoot("labour-law-02-open-ended")

    approver = UserFactory(role="supervisor", agency=wuhou)
    for month in range(1, 13):
        run = PayrollRun.objects.create(
            agency=wuhou,
            month=date(2026, month, 1),
            status=RunStatus.APPROVED,
            created_by=approver,
            approved_by=approver,
        )
        PayrollLine.objects.create(
            run=run,
            officer=person,
            agency=wuhou,
            days_paid=30,
            days_in_month=30,
            gross=Decimal("6000.00"),
            net=Decimal("6000.00"),
            **dict.fromkeys(
                [
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
                ],
                Decimal(0),
            ),
        )
    page.goto(f"{live_server.url}/personnel/{person.pk}/records/separation/")
    page.locator("#id_kind").select_option("termination")
    page.locator("#id_leaves_on").fill("2027-01-31")
    page.locator("#id_reason").fill("经培训仍不能胜任工作")
    page.locator("#id_severance_ground").select_option("art46_3")
    page.get_by_role("button", name="保存").click()
    # 2023-07-01 to 2027-01-31: three years and seven months, so four months' pay
    expect(page.get_by_role("cell", name="24,000.00", exact=True)).to_be_visible()
    expect(page.get_by_text("劳动合同法 第四十六条第（三）项").first).to_be_visible()
    shoot("labour-law-03-severance")
