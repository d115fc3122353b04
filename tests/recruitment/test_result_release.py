"""成绩查询: applicants see a stage's results only from the moment the office sets, all at once, each with one
notice; ranks only where the office publishes them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from auxpolice.core.errors import DomainError
from recruitment.models import ApplicantNotice, Application
from recruitment.services import ranking, releases, review, scoring
from tests.conftest import client_for
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    close_registration,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(wuhou, county_officer):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=1), county_officer)
    position = announcement.positions.get()
    users = [applicant_with_profile() for _ in range(3)]
    applications = [apply(u, position) for u in users]
    for application in applications:
        review.review_decide(actor=county_officer, application=application, decision="pass")
    scoring.scores_record(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        scores={applications[0].pk: "88", applications[1].pk: "75", applications[2].pk: "50"},
    )
    close_registration(announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    return announcement, users, applications


def case_page(client, user, application):
    client_for(client, user)
    return client.get(reverse("portal_application", args=[application.pk])).content.decode()


def test_nothing_shows_before_the_release_and_everything_after(client, ranked, county_officer):
    announcement, users, applications = ranked
    before = case_page(client, users[2], applications[2])
    assert "50.00" not in before and "未进入下一环节" not in before and "等待公布结果" in before
    assert not ApplicantNotice.objects.filter(event__endswith=":rank:exam").exists()

    releases.release_schedule(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        release_at=timezone.now() + timedelta(hours=2),
        publish_ranks=True,
    )
    assert releases.release_due() == 0  # not yet time
    assert "50.00" not in case_page(client, users[2], applications[2])

    later = timezone.now() + timedelta(hours=3)
    assert releases.release_due(now=later) == 3
    assert releases.release_due(now=later) == 0  # a second run tells nobody twice
    assert ApplicantNotice.objects.filter(event__endswith=":rank:exam").count() == 3
    from time_machine import travel

    with travel(later):
        best = case_page(client, users[0], applications[0])
        assert "88.00" in best and "排名 1" in best and "合格分数线" in best
        weak = case_page(client, users[2], applications[2])
        assert "50.00" in weak and "未进入下一环节" in weak


def test_ranks_stay_hidden_unless_the_office_publishes_them(client, ranked, county_officer):
    announcement, users, applications = ranked
    releases.release_schedule(
        actor=county_officer, announcement=announcement, stage="exam", release_at=timezone.now()
    )
    page = case_page(client, users[0], applications[0])
    assert "88.00" in page and "排名" not in page
    releases.release_due()
    notice = ApplicantNotice.objects.get(application=applications[0], event__endswith=":rank:exam")
    assert "岗位排名" not in notice.text and "88" in notice.text


def test_a_released_stage_cannot_be_moved(ranked, county_officer):
    announcement, _users, _applications = ranked
    releases.release_schedule(
        actor=county_officer, announcement=announcement, stage="exam", release_at=timezone.now()
    )
    with pytest.raises(DomainError) as refused:
        releases.release_schedule(
            actor=county_officer,
            announcement=announcement,
            stage="exam",
            release_at=timezone.now() + timedelta(days=1),
        )
    assert refused.value.code == "released"


def test_the_office_sets_the_release_on_the_announcement_page(client, ranked, county_officer):
    announcement, _users, _applications = ranked
    client_for(client, county_officer)
    response = client.post(
        reverse("results_release", args=[announcement.pk]),
        {"stage": "review", "release_at": "2026-12-01T09:00", "publish_ranks": "on"},
    )
    assert response.status_code == 400 and 'value="2026-12-01T09:00"' in response.content.decode()
    response = client.post(
        reverse("results_release", args=[announcement.pk]),
        {"stage": "exam", "release_at": "2026-12-01T09:00", "publish_ranks": "on"},
    )
    assert response.status_code == 302
    assert announcement.releases.get().publish_ranks
    assert Application.objects.filter(announcement=announcement).count() == 3


def test_a_pass_fail_result_shows_when_recorded_unless_the_office_holds_it(client, ranked, county_officer):
    from time_machine import travel

    from recruitment.services import results

    announcement, users, applications = ranked
    top = Application.objects.get(pk=applications[0].pk)  # advanced to the physical test
    releases.release_schedule(
        actor=county_officer,
        announcement=announcement,
        stage="physical_test",
        release_at=timezone.now() + timedelta(days=1),
    )
    results.result_record(actor=county_officer, application=top, outcome="pass")
    page = case_page(client, users[0], top)
    assert "等待公布结果" in page and "体能测试：合格" not in page  # held until tomorrow
    assert not ApplicantNotice.objects.filter(
        application=top, event__endswith=":result:physical_test"
    ).exists()
    tomorrow = timezone.now() + timedelta(days=1, minutes=1)
    assert releases.release_due(now=tomorrow) == 1
    with travel(tomorrow):
        assert "体能测试：合格" in case_page(client, users[0], top)
    assert (
        ApplicantNotice.objects.filter(application=top, event__endswith=":result:physical_test").count() == 1
    )
