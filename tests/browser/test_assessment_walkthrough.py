"""An HR officer opens the year's assessment and enters the scores; a supervisor reviews, publishes, closes
the cycle and confirms the promotion, which changes the person's tier.
Screenshots: test-artifacts/screenshots/assessment-*.png."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.assessment.builders import people, set_scheme
from tests.browser.test_staff_walkthrough import log_in, pick_agency

pytestmark = pytest.mark.django_db(transaction=True)


def test_assessment_from_opening_to_a_confirmed_promotion(
    page, live_server, county_officer, supervisor, wuhou, sysadmin, shoot
):
    set_scheme(wuhou, admin=sysadmin)
    [person] = people(wuhou, county_officer, 1, hired_on=date(2025, 3, 1))
    log_in(page, live_server, "county_officer")
    page.get_by_role("link", name="考核", exact=True).click()
    page.get_by_text("开展年度考核").click()
    pick_agency(page, page.locator("#id_agency"), "武侯", "510107 武侯区分局")
    page.locator("#id_year").fill("2025")
    page.get_by_role("button", name="开展考核").click()
    expect(page.get_by_text("履职情况、工作绩效、遵章守纪、教育培训")).to_be_visible()
    expect(page.get_by_text("四川省办法 第二十五条").first).to_be_visible()
    shoot("assessment-01-cycle")

    page.get_by_role("link", name=person.full_name).click()
    for field in page.locator("input[id^=id_score_]").all():
        field.fill("92")
    page.locator("#id_grade").select_option("优秀")
    page.locator("#id_assessor_name").fill("王警官")
    page.get_by_role("button", name="保存成绩").click()
    expect(page.get_by_text("已评分，待审核")).to_be_visible()
    shoot("assessment-02-scored")

    page.context.clear_cookies()
    log_in(page, live_server, "supervisor")
    page.goto(page.url.split("/accounts")[0] + f"/personnel/{person.pk}/tier/")
    page.get_by_role("link", name="2025").click()
    page.get_by_role("button", name="审核通过").click()
    page.get_by_role("button", name="向本人公布").click()
    expect(page.get_by_text("已公布").first).to_be_visible()
    page.get_by_role("link", name="武侯区分局 2025").click()
    page.get_by_role("button", name="结束考核并生成结果运用建议").click()
    page.get_by_role("link", name="考核结果运用").click()
    expect(page.get_by_text("三级辅警 → 二级辅警")).to_be_visible()
    shoot("assessment-03-consequences")
    page.locator("#id_effective_on").fill("2026-01-01")
    page.locator("#id_kind").select_option("promotion")
    page.get_by_role("button", name="确认该类型的全部建议").click()
    expect(page.get_by_text("已确认 1 项")).to_be_visible()

    page.goto(f"{live_server.url}/personnel/{person.pk}/tier/")
    expect(page.get_by_role("cell", name="考核晋升")).to_be_visible()
    expect(page.locator("dd strong")).to_have_text("二级辅警")
    shoot("assessment-04-tier")
    page.goto(f"{live_server.url}/assessment/")
    page.get_by_role("link", name="2025").click()
    page.get_by_role("link", name="考核等次与层级分布").click()
    expect(page.get_by_role("heading", name="2025 年度考核等次")).to_be_visible()
    shoot("assessment-05-report")
