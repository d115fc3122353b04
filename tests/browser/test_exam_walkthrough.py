"""An officer arranges the written exam (rooms, session, seat draw), prints a room's door list, scores and
ranks, and releases the results at a set time; the applicant sees nothing before it and everything after.
Screenshots: test-artifacts/screenshots/exam-*.png."""

import pytest
from playwright.sync_api import expect

from recruitment.services import ranking, review, scoring
from tests.browser.test_staff_walkthrough import log_in
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    close_registration,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.today("2026-11-10")]


def test_arrangements_door_list_and_released_results(
    browser, page, live_server, wuhou, county_officer, shoot
):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    position = announcement.positions.get()
    users = [applicant_with_profile() for _ in range(4)]
    applications = [apply(u, position) for u in users]
    for application in applications:
        review.review_decide(actor=county_officer, application=application, decision="pass")

    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/announcements/{announcement.pk}/exams/")
    page.get_by_text("增加考场").click()
    page.get_by_label("考点").fill("成都七中")
    page.get_by_label("地址").fill("林荫中街1号")
    page.get_by_label("考场号").fill("001")
    page.get_by_label("座位数").fill("30")
    page.get_by_role("button", name="保存").first.click()
    expect(page.get_by_role("cell", name="成都七中")).to_be_visible()
    page.get_by_text("增加场次").click()
    page.get_by_label("场次").fill("笔试")
    page.get_by_label("开始时间").fill("2026-11-20T09:00")
    page.get_by_label("结束时间").fill("2026-11-20T11:00")
    page.get_by_role("button", name="保存").last.click()
    page.get_by_label("随机种子").fill("wuhou-2026-1")
    page.get_by_role("button", name="编排座位").click()
    expect(page.get_by_text("随机种子：wuhou-2026-1")).to_be_visible()
    shoot("exam-01-arrangements")
    page.get_by_role("link", name="门贴及签到表").click()
    expect(page.get_by_role("cell", name=applications[0].full_name, exact=True)).to_be_visible()
    shoot("exam-02-door-list")

    scoring.scores_record(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        scores={a.pk: s for a, s in zip(applications, ("90", "80", "70", "55"), strict=True)},
    )
    close_registration(announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    page.goto(f"{live_server.url}/announcements/{announcement.pk}/")
    page.get_by_label("环节").select_option("exam")
    page.get_by_label("向报考人公布的时间").fill("2026-11-10T00:00")
    page.get_by_label("向报考人公布其在本岗位的排名").check()
    page.get_by_role("button", name="设定公布时间").click()
    expect(page.get_by_text("结果将于 2026-11-10 00:00 向报考人公布", exact=False)).to_be_visible()

    applicant = browser.new_context(locale="zh-CN").new_page()
    log_in(applicant, live_server, users[0].username)
    applicant.goto(f"{live_server.url}/portal/applications/{applications[0].pk}/")
    expect(applicant.get_by_text("考试：已计分 90.00（合格分数线 60）")).to_be_visible()
    expect(applicant.get_by_text("排名 1", exact=False)).to_be_visible()
    applicant.screenshot(path="test-artifacts/screenshots/exam-03-applicant-results.png", full_page=True)

    page.goto(f"{live_server.url}/announcements/{announcement.pk}/analytics/")
    expect(page.get_by_role("heading", name="招聘统计分析")).to_be_visible()
    expect(page.get_by_role("cell", name="考试").first).to_be_visible()
    shoot("exam-04-analytics")
