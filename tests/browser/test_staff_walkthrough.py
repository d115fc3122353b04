"""An officer logs in, finds their agencies, sets a rule setting and reads a citation."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username):
    """Password, then (back office) the authenticator's current code, as a person would type it."""
    from auxpolice.core.models import User
    from tests.otp import current_code, device_for

    user = User.objects.get(username=username)
    device = device_for(user) if user.is_back_office else None
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    if device is not None:
        type(device).objects.filter(pk=device.pk).update(
            last_t=-1
        )  # a second log-in within the same 30 s step
        page.get_by_label("验证码").fill(current_code(device))
        page.get_by_role("button", name="验证").click()


def test_city_officer_walks_agencies_settings_and_rules(
    page, live_server, city_officer, wuhou, jinjiang, shoot
):
    log_in(page, live_server, "city_officer")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    shoot("01-overview")

    page.get_by_role("button", name="系统").hover()
    page.get_by_role("link", name="单位", exact=True).click()
    expect(page.get_by_role("link", name="武侯区分局")).to_be_visible()
    expect(page.get_by_role("link", name="锦江区分局")).to_be_visible()
    shoot("02-agencies")

    page.get_by_role("link", name="武侯区分局").click()
    page.get_by_label("设置项").select_option("publicity_working_days")
    page.get_by_label("值").fill("7")
    page.get_by_label("依据").fill("武公发〔2026〕3号")
    page.get_by_role("button", name="保存设置").click()
    expect(page.get_by_text("设置已保存。")).to_be_visible()
    expect(page.get_by_role("cell", name="武公发〔2026〕3号")).to_be_visible()
    shoot("03-agency-settings")

    page.get_by_role("button", name="系统").hover()
    page.get_by_role("link", name="法规规则").click()
    page.get_by_role("link", name="四川省办法").click()
    citation = page.get_by_text("四川省办法 第十八条第（三）项").first
    citation.click()
    expect(page.get_by_text("不超过35周岁").first).to_be_visible()
    shoot("04-rules-sichuan")


def test_county_officer_cannot_open_another_county(page, live_server, county_officer, jinjiang):
    log_in(page, live_server, "county_officer")
    response = page.goto(f"{live_server.url}/agencies/{jinjiang.pk}/")
    assert response.status == 404


def pick_agency(page, field, typed: str, label: str) -> None:
    """Type part of an agency's name or code into the agency picker, wait for the lookup to offer `label`,
    and take it (what a person does with the datalist)."""
    from playwright.sync_api import expect

    field.fill(typed)
    offered = page.locator(f"datalist#{field.get_attribute('list')} option[value='{label}']")
    expect(offered).to_have_count(1)
    field.fill(label)
