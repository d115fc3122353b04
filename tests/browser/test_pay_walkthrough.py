"""An HR officer drafts a pay scale (refused below Sichuan's floor, then saved), a supervisor approves it, the
officer runs November's payroll and the supervisor locks it. Screenshots:
test-artifacts/screenshots/pay-*.png."""

from datetime import date

import pytest
from playwright.sync_api import expect

from compensation.services import contributions, scales
from tests.assessment.builders import people, set_scheme
from tests.browser.test_staff_walkthrough import log_in, pick_agency
from tests.compensation.test_compensation import INCOME, SCHEME

pytestmark = pytest.mark.django_db(transaction=True)


def test_scale_payroll_and_lock(page, live_server, county_officer, supervisor, wuhou, sysadmin, shoot):
    set_scheme(wuhou, admin=sysadmin)
    people(wuhou, county_officer, 2, hired_on=date(2026, 1, 1))
    scales.statistic_record(
        actor=county_officer,
        agency=wuhou,
        kind=INCOME,
        year=2025,
        amount="49000",
        source="成都市2025年统计公报",
    )
    contributions.scheme_record(
        actor=county_officer, agency=wuhou, effective_from=date(2026, 1, 1), basis="川人社", **SCHEME
    )
    log_in(page, live_server, "county_officer")
    page.get_by_role("link", name="薪酬", exact=True).click()
    page.get_by_role("link", name="武侯区分局").click()
    page.locator("#id_effective_from").fill("2026-01-01")
    page.locator("#id_base_monthly").fill("3000")
    for index, amount in enumerate(["800", "1000", "1300", "1600"]):
        page.locator(f"#id_tier_{index}").fill(amount)
    page.locator("#id_posts").fill("巡逻防控, 300, 危险")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("低于规定的下限").first).to_be_visible()
    expect(page.get_by_text("四川省办法 第三十三条").first).to_be_visible()
    shoot("pay-01-scale-refused")
    page.locator("#id_base_monthly").fill("3400")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("不低于基准")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, "supervisor")
    page.goto(f"{live_server.url}/pay/")
    page.get_by_role("link", name="2026-01-01").click()
    page.get_by_role("button", name="同意").click()
    expect(page.get_by_text("已批准").first).to_be_visible()
    shoot("pay-02-scale-approved")

    page.context.clear_cookies()
    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/pay/")
    page.get_by_text("核算月度工资").click()
    pick_agency(page, page.locator("#id_run-agency"), "5101", "510107 武侯区分局")
    page.locator("#id_run-month").fill("2026-11")
    page.get_by_role("button", name="核算", exact=True).click()
    expect(page.get_by_text("已计算，待审批")).to_be_visible()
    expect(page.get_by_role("cell", name="4,400.00").first).to_be_visible()  # 3400 + 1000 for 三级
    shoot("pay-03-run")

    page.context.clear_cookies()
    log_in(page, live_server, "supervisor")
    page.goto(page.url)
    page.goto(f"{live_server.url}/pay/")
    page.get_by_role("link", name="2026-11").click()
    expect(page.get_by_text("审批后将锁定2026年11月工资，2人，实发合计")).to_be_visible()
    page.get_by_label("我已核对工资，确认锁定（锁定后不能修改）").check()
    page.get_by_role("button", name="审批并锁定").click()
    expect(page.get_by_text("已锁定：2026年11月工资，2人").first).to_be_visible()
    expect(page.get_by_role("button", name="重新核算")).to_have_count(0)
    shoot("pay-04-locked")
