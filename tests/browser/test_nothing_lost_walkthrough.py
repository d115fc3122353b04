"""Nothing typed is lost, in the browser: a profile saved twice keeps its dates (at phone width), a refused
review keeps the decision and the articles, one wrong score keeps the other scores and names whose it is,
and a backdated publicity is refused on its field. Screenshots: test-artifacts/screenshots/kept-*.png."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from auxpolice.rules import services as rule_services
from recruitment.models import Application, StageResult
from recruitment.services import portal, review
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_staff_walkthrough import log_in
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.today("2026-11-10")]


def test_an_applicants_profile_saved_twice_keeps_its_graduation_date_at_phone_width(browser, live_server):
    user = applicant_with_profile()
    profile = user.applicant_profile
    portal.profile_save(
        user=user,
        full_name=profile.full_name,
        id_number=profile.id_number,
        phone=profile.phone,
        education="bachelor",
        school="四川警察学院",
        graduated_on=date(2020, 6, 30),
    )
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    log_in(page, live_server, user.username)
    page.goto(f"{live_server.url}/portal/profile/")
    expect(page.locator("#id_graduated_on")).to_have_value("2020-06-30")  # shown, so not erased on saving
    page.get_by_role("button", name="保存个人信息").click()
    expect(page.get_by_text("个人信息已保存")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "kept-01-profile-390px.png"), full_page=True)
    profile.refresh_from_db()
    assert profile.graduated_on == date(2020, 6, 30)
    phone.close()


def test_the_officer_loses_nothing_typed_in_review_scores_and_publicity(
    page, live_server, wuhou, county_officer, sysadmin, shoot
):
    call_command("calendar_seed", stdout=io.StringIO())
    rule_services.agency_setting_set(
        actor=sysadmin, agency=wuhou, key="publicity_working_days", value=5, basis="武公〔2026〕1号"
    )
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=1), county_officer)
    position = announcement.positions.get()
    waiting = apply(applicant_with_profile(), position)
    scored = [
        review.review_decide(
            actor=county_officer, application=apply(applicant_with_profile(), position), decision="pass"
        )
        for _ in range(3)
    ]
    log_in(page, live_server, "county_officer")

    # A rejection without the reason the applicant will read: refused, the decision and the articles stay.
    page.goto(f"{live_server.url}/applications/{waiting.pk}/")
    page.get_by_label("决定").select_option("reject")
    article = page.locator("#id_citations option").first.get_attribute("value")
    page.locator("#id_citations").select_option([article])
    page.get_by_role("button", name="登记审查结论").click()
    expect(page.locator(".field.has-error").first).to_be_visible()
    expect(page.get_by_label("决定")).to_have_value("reject")
    expect(page.locator("#id_citations")).to_have_values([article])
    shoot("kept-02-review-error")
    assert Application.objects.get(pk=waiting.pk).status == "submitted"

    # One wrong score among three: nothing saved, every typed score still there, the wrong one named.
    page.goto(f"{live_server.url}/announcements/{announcement.pk}/scores/exam/")
    for application, typed in zip(scored, ("88", "8八", "71.5"), strict=True):
        page.get_by_label(application.full_name).fill(typed)
    page.get_by_role("button", name="保存成绩").click()
    expect(page.get_by_text(scored[1].ticket_number).first).to_be_visible()
    for application, typed in zip(scored, ("88", "8八", "71.5"), strict=True):
        expect(page.get_by_label(application.full_name)).to_have_value(typed)
    shoot("kept-03-scores-error")
    assert not StageResult.objects.exists()


def test_a_backdated_publicity_is_refused_on_its_field(
    page, live_server, wuhou, county_officer, sysadmin, shoot
):
    call_command("calendar_seed", stdout=io.StringIO())
    rule_services.agency_setting_set(
        actor=sysadmin, agency=wuhou, key="publicity_working_days", value=5, basis="武公〔2026〕1号"
    )
    announcement = announcement_for(
        approved_plan(wuhou, county_officer, service=1),
        county_officer,
        simplify=("exam", "physical_test", "medical_exam", "vetting"),
        simplification_basis="成都市人社局同意（成人社函〔2026〕8号）",
    )
    application = apply(applicant_with_profile(), announcement.positions.get())
    review.review_decide(actor=county_officer, application=application, decision="pass")
    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/announcements/{announcement.pk}/")
    expect(page.get_by_label("公示开始日期")).to_have_value("2026-11-10")  # the default is shown, not blank
    page.get_by_label("公示开始日期").fill("2020-01-06")
    page.get_by_role("button", name="发布公示名单").click()
    expect(page.get_by_text("公示不能从过去的日期开始")).to_be_visible()
    expect(page.get_by_label("公示开始日期")).to_have_value("2020-01-06")
    shoot("kept-04-publicity-backdated")
    page.get_by_label("公示开始日期").fill("2026-11-10")
    page.get_by_role("button", name="发布公示名单").click()
    expect(page.get_by_text("公示期自2026-11-10")).to_be_visible()
    shoot("kept-05-publicity-started")
