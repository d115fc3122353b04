"""Recruitment analytics: the database's counts match counts taken by hand over the applications, in a fixed
number of queries; the page and its workbook."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from recruitment import analytics
from recruitment.models import Application
from recruitment.services import portal, ranking, review, scoring
from tests.conftest import client_for
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    close_registration,
)

pytestmark = pytest.mark.django_db
POSITIONS = [
    {"code": "01", "title": "勤务辅警", "category": "service", "places": 1},
    {"code": "02", "title": "勤务辅警", "category": "service", "places": 1},
]


@pytest.fixture
def recruitment(wuhou, county_officer):
    announcement = announcement_for(
        approved_plan(wuhou, county_officer, service=2), county_officer, positions=POSITIONS
    )
    first, second = announcement.positions.order_by("code")
    users = [applicant_with_profile(education=e) for e in ("junior_college", "bachelor") * 4]
    applications = [apply(u, first if i < 5 else second) for i, u in enumerate(users)]
    for application in applications[:6]:
        review.review_decide(actor=county_officer, application=application, decision="pass")
    review.review_decide(
        actor=county_officer, application=applications[6], decision="return", reason="照片不清晰"
    )
    portal.application_withdraw(user=users[7], application=applications[7])
    scores = dict(zip([a.pk for a in applications[:6]], ("90", "70", "50", "85", "65", "80"), strict=True))
    scoring.scores_record(actor=county_officer, announcement=announcement, stage="exam", scores=scores)
    close_registration(announcement)
    for position in (first, second):
        ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    return announcement


def test_the_funnel_and_the_groups_match_counts_taken_by_hand(recruitment):
    announcement = recruitment
    rows = list(Application.objects.filter(announcement=announcement))
    order = announcement.stages
    with CaptureQueriesContext(connection) as queries:
        report = analytics.announcement_report(announcement)
    assert len(queries) <= 8  # whatever the number of applications
    for index, row in enumerate(report["funnel"]):
        by_hand = sum(1 for a in rows if order.index(a.stage) >= index) if index else len(rows)
        assert row["reached"] == by_hand, row["stage"]
    assert report["funnel"][0]["reached"] == 8 and report["totals"]["withdrawn"] == 1
    assert report["totals"]["returned"] == 1 and report["return_reasons"] == [("照片不清晰", 1)]
    assert sorted(n for _l, n in report["education"]) == sorted(Counter(a.education for a in rows).values())
    assert sorted(n for _l, n in report["sex"]) == sorted(Counter(a.sex for a in rows).values())
    assert sum(n for _label, n in report["sex"]) == sum(n for _label, n in report["age"]) == 8
    assert dict(report["region"]) == {"四川": 8}
    assert [p["funnel"][0]["reached"] for p in report["positions"]] == [5, 3]


def test_the_page_and_its_workbook(client, recruitment, county_officer):
    client_for(client, county_officer)
    url = reverse("announcement_analytics", args=[recruitment.pk])
    page = client.get(url).content.decode()
    assert "考试" in page and "四川" in page
    book = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    assert book.sheetnames[:2] == ["环节", "岗位"]
    assert list(book["环节"].iter_rows(values_only=True))[1][1] == 8


@pytest.mark.today("2026-11-02")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="time in stage is computed by PostgreSQL")
def test_days_in_a_stage_are_the_median_and_90th_percentile_of_those_who_left_it(
    clock, wuhou, county_officer
):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=3), county_officer)
    position = announcement.positions.get()
    applications = [apply(applicant_with_profile(), position) for _ in range(3)]
    clock.shift(timedelta(days=2))
    for application in applications[:2]:
        review.review_decide(actor=county_officer, application=application, decision="pass")
    clock.shift(timedelta(days=3))
    review.review_decide(actor=county_officer, application=applications[2], decision="pass")

    first = analytics.announcement_report(announcement)["funnel"][0]
    median, p90, left = first["days"]
    assert first["stage"] == announcement.stages[0] and left == 3
    assert median == pytest.approx(2, abs=0.1) and p90 == pytest.approx(4.4, abs=0.1)
    assert analytics.announcement_report(announcement)["funnel"][1]["days"] is None  # nobody left it yet
