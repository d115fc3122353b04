"""A county officer submits a recruitment plan; the city supervisor finds it waiting and consents."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_staff_walkthrough import log_in
from tests.factories import QuotaFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_plan_submitted_by_county_and_consented_by_city_supervisor(
    page, live_server, county_officer, wuhou, chengdu, shoot
):
    UserFactory(username="city_supervisor", role="supervisor", agency=chengdu)
    QuotaFactory(agency=wuhou, approved_total=20, in_post_service=12)

    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/agencies/{wuhou.pk}/plans/new/")
    page.get_by_label("标题").fill("2026年勤务辅警招聘")
    page.get_by_label("勤务名额").fill("3")
    page.get_by_role("button", name="提交审批").click()
    expect(page.get_by_text("招聘计划已提交审批。")).to_be_visible()
    expect(page.locator("li.step strong", has_text="上一级公安机关同意")).to_be_visible()
    shoot("10-plan-submitted")
    page.get_by_role("button", name="退出").click()

    log_in(page, live_server, "city_supervisor")
    page.get_by_role("button", name="招聘").hover()  # the navigation groups open on hover
    page.get_by_role("link", name="用人额度与在岗情况", exact=True).click()
    expect(page.get_by_role("heading", name="待我办理")).to_be_visible()
    shoot("11-headcount-dashboard")
    page.get_by_role("link", name="武侯区分局 · 2026年勤务辅警招聘").click()
    page.get_by_text("办理此环节").first.click()
    page.get_by_label("意见或理由").first.fill("同意招聘")
    page.get_by_role("button", name="提交").first.click()
    expect(page.get_by_text("已办理：上一级公安机关同意。")).to_be_visible()
    shoot("12-plan-consented")
