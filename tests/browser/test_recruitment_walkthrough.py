"""An applicant registers, applies and follows the case; officers run every Sichuan stage to hire.
Screenshots of each step go to test-artifacts/screenshots/recruitment-*.png."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from auxpolice.core import sms
from auxpolice.rules import services as rule_services
from personnel.models import AuxiliaryOfficer
from recruitment.models import Application
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_staff_walkthrough import log_in
from tests.recruitment.builders import announcement_for, approved_plan, close_registration, id_number

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.today("2026-11-02")
def test_applicant_registers_applies_and_is_hired_through_every_stage(
    page, browser, live_server, wuhou, county_officer, sysadmin, shoot, settings, clock
):
    # The test moves the clock past the publicity period; sessions outlive the jump.
    settings.SESSION_IDLE_SECONDS = settings.SESSION_ABSOLUTE_SECONDS = settings.SESSION_COOKIE_AGE = (
        30 * 86400
    )
    settings.SMS_BACKEND = "auxpolice.core.sms.MemoryBackend"
    sms.outbox.clear()
    call_command("calendar_seed", stdout=io.StringIO())
    rule_services.agency_setting_set(
        actor=sysadmin, agency=wuhou, key="publicity_working_days", value=5, basis="武公〔2026〕1号"
    )
    announcement = announcement_for(
        approved_plan(wuhou, county_officer, service=1),
        county_officer,
        exam_arrangements="笔试：2026年12月5日 武侯区实验中学",
    )

    # --- the applicant, on the portal
    page.goto(f"{live_server.url}/portal/")
    shoot("recruitment-01-portal")
    page.get_by_role("link", name="注册").first.click()
    page.get_by_label("用户名").fill("wangwu")
    page.get_by_label("姓名").fill("王五")
    page.locator("#id_phone").fill("13900000000")
    page.locator("#id_password").fill("Apply-for-the-post-2026")
    page.locator("#id_password_again").fill("Apply-for-the-post-2026")
    page.get_by_role("button", name="注册").click()
    page.get_by_label("短信验证码").fill(re.search(r"\d{6}", sms.outbox[-1][1]).group())
    page.get_by_role("button", name="完成注册").click()
    page.get_by_role("link", name=announcement.title).click()
    shoot("recruitment-02-announcement")
    page.get_by_role("link", name="报名", exact=True).click()
    page.get_by_label("公民身份号码").fill(id_number(date(1999, 4, 18)))
    page.get_by_label("手机号码").fill("13900000000")
    page.get_by_label("最高学历").select_option("high_school")
    shoot("recruitment-03-profile")
    page.get_by_role("button", name="保存个人信息").click()
    for radio in page.get_by_label("本人不存在此情形").all():
        radio.check()
    page.get_by_label("本人承诺所填信息真实").check()
    page.get_by_role("button", name="预审我的报名资格").click()
    expect(page.get_by_text("四川省办法 第十八条第（三）项").first).to_be_visible()
    shoot("recruitment-04-precheck")
    page.get_by_role("button", name="提交报名").click()
    expect(page.locator(".status")).to_have_text("待资格审查")
    shoot("recruitment-05-case-submitted")
    application = Application.objects.get()

    # --- the officer, stage by stage
    office = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
    officer = office.new_page()
    log_in(officer, live_server, "county_officer")
    officer.goto(f"{live_server.url}/announcements/{announcement.pk}/applications/")
    shoot_officer = lambda name: officer.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # noqa: E731
    shoot_officer("recruitment-06-office-list")
    officer.get_by_role("link", name="王五").click()
    officer.get_by_label("决定").select_option("pass")
    shoot_officer("recruitment-07-review")
    officer.get_by_role("button", name="登记审查结论").click()

    officer.goto(f"{live_server.url}/announcements/{announcement.pk}/scores/exam/")
    officer.get_by_label("王五").fill("86.5")
    officer.get_by_role("button", name="保存成绩").click()
    shoot_officer("recruitment-08-scores")
    officer.goto(f"{live_server.url}/announcements/{announcement.pk}/scores/exam/")
    expect(officer.get_by_text("报名截止时间为")).to_be_visible()  # ranking waits for registration to close
    close_registration(announcement)
    officer.reload()
    officer.get_by_role("button", name="对该岗位排名").click()
    expect(officer.get_by_text("排名完成")).to_be_visible()

    page.goto(f"{live_server.url}/portal/applications/{application.pk}/")
    for _ in range(2):  # separate consent to the medical and the vetting notices
        page.get_by_role("button", name="本人同意").first.click()
    expect(page.get_by_text("已于").first).to_be_visible()
    shoot("recruitment-08b-consent")

    for step, name in (("physical_test", "09"), ("medical_exam", "10"), ("vetting", "11")):
        officer.goto(f"{live_server.url}/applications/{application.pk}/")
        officer.locator("#id_outcome").select_option("pass")
        shoot_officer(f"recruitment-{name}-{step}")
        officer.get_by_role("button", name="登记结果").click()
        expect(officer.get_by_text("已保存。")).to_be_visible()

    officer.goto(f"{live_server.url}/announcements/{announcement.pk}/")
    officer.get_by_label("公示开始日期").fill("2026-11-02")
    officer.get_by_role("button", name="发布公示名单").click()
    expect(officer.get_by_text("公示期自2026-11-02至2026-11-09")).to_be_visible()
    shoot_officer("recruitment-12-publicity")

    page.goto(f"{live_server.url}/portal/announcements/{announcement.pk}/")
    expect(page.get_by_role("cell", name="王五")).to_be_visible()
    shoot("recruitment-13-portal-publicity")

    officer.goto(f"{live_server.url}/applications/{application.pk}/")
    expect(officer.get_by_text("公示期至2026-11-09")).to_be_visible()  # no hire form during publicity
    clock.shift(timedelta(days=8))

    officer.goto(f"{live_server.url}/applications/{application.pk}/")
    officer.get_by_label("入职日期").fill("2026-11-16")
    officer.get_by_label("合同终止日期").fill("2029-11-15")
    officer.get_by_label("试用期截止").fill("2027-02-15")
    shoot_officer("recruitment-14-hire")
    officer.get_by_role("button", name="聘用", exact=True).click()
    expect(officer.locator(".status")).to_have_text("已聘用")
    assert AuxiliaryOfficer.objects.filter(full_name="王五").exists()

    page.goto(f"{live_server.url}/portal/applications/{application.pk}/")
    expect(page.locator(".status")).to_have_text("已聘用")
    expect(page.get_by_text("聘用通知").first).to_be_visible()
    shoot("recruitment-15-case-hired")
    office.close()
