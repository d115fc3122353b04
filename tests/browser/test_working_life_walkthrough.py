"""An HR officer assigns a duty, issues a work ID and tries to close a separation while it is still out.
Screenshots: test-artifacts/screenshots/working-life-*.png."""

from datetime import date

import pytest
from playwright.sync_api import expect

from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from tests.browser.test_staff_walkthrough import log_in
from tests.factories import QuotaFactory
from tests.recruitment.builders import id_number

pytestmark = pytest.mark.django_db(transaction=True)


def test_duty_item_and_blocked_separation(page, live_server, county_officer, wuhou, shoot):
    QuotaFactory(agency=wuhou, approved_total=5)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="陈刚",
            id_number=id_number(date(1993, 6, 1)),
            category="service",
            hired_on=date(2026, 3, 1),
        ),
    )
    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/personnel/{person.pk}/records/duties/")
    page.locator("#id_duty").select_option("service_led_by_police.1")
    page.locator("#id_starts_on").fill("2026-11-02")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="四川省办法 第十条第（一）项")).to_be_visible()
    shoot("working-life-01-duty")

    page.get_by_role("link", name="配发物品").click()
    page.locator("#id_item").select_option("work_id")
    page.locator("#id_serial_number").fill("WH00001")
    page.locator("#id_issued_on").fill("2026-11-02")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="WH00001")).to_be_visible()
    shoot("working-life-02-items")

    page.get_by_role("link", name="离职").click()
    page.locator("#id_kind").select_option("resignation")
    page.locator("#id_leaves_on").fill("2026-11-30")
    page.locator("#id_reason").fill("个人原因")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("办结离职").first.click()
    page.get_by_role("button", name="办结离职").click()
    expect(page.get_by_text("尚未交回或作遗失处理")).to_be_visible()
    shoot("working-life-03-separation-blocked")
