"""The back office's stages: ranking, pass lines and ratios, freed places, publicity, hire."""

import io
import threading
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.rules import services as rule_services
from headcount.models import Quota
from recruitment import selectors
from recruitment.models import (
    ApplicantNotice,
    Application,
    ApplicationStatus,
    Objection,
    StageResult,
)
from recruitment.services import (
    announcements,
    hiring,
    notices,
    places,
    portal,
    publicity,
    ranking,
    results,
    review,
    scoring,
)
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.recruitment.builders import (
    agency_in,
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    close_registration,
)

CONTENTS = (
    "rights_duties",
    "job_requirements",
    "working_conditions",
    "probation",
    "term",
    "pay",
    "termination_grounds",
    "breach_liability",
)


@pytest.fixture
def calendar(db):
    call_command("calendar_seed", stdout=io.StringIO())


@pytest.fixture
def sichuan_exam(wuhou, county_officer):
    """A Sichuan announcement with one service position of 2 places; ratio 1 after the exam."""
    plan = approved_plan(wuhou, county_officer, service=2)
    announcement = announcement_for(
        plan, county_officer, stage_settings={"exam": {"ratio": 1, "pass_line": 60}}
    )
    return announcement, announcement.positions.get()


def _reviewed(officer, position, n, statuses=()):
    apps = []
    for i in range(n):
        app = apply(applicant_with_profile(statuses=statuses[i] if i < len(statuses) else ()), position)
        apps.append(review.review_decide(actor=officer, application=app, decision="pass"))
    return apps


def test_an_application_is_recorded_with_its_first_history_row_naming_the_applicant(sichuan_exam):
    _announcement, position = sichuan_exam
    user = applicant_with_profile()
    application = apply(user, position)
    (first,) = Application.history.filter(id=application.pk)
    assert (first.history_type, first.history_user_id, first.status) == ("+", user.pk, "submitted")
    assert first.full_name == application.full_name and first.declaration == application.declaration


def test_ranking_waits_until_every_candidate_has_a_score_and_names_one_who_has_none(
    sichuan_exam, county_officer
):
    announcement, position = sichuan_exam
    scored, first_missing, second_missing = _reviewed(county_officer, position, 3)
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={scored.pk: "80"}
    )
    close_registration(position.announcement)
    with pytest.raises(DomainError) as refused:
        ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    assert refused.value.code == "scores_missing"
    assert "2" in str(refused.value) and first_missing.full_name in str(refused.value)
    assert set(Application.objects.values_list("status", flat=True)) == {"in_progress"}  # nothing ranked


def test_ranking_applies_the_pass_line_the_ratio_and_breaks_ties_by_sichuans_preferential_groups(
    sichuan_exam, county_officer
):
    announcement, position = sichuan_exam
    plain, veteran, best, weak = _reviewed(county_officer, position, 4, statuses=[(), ("veteran",)])
    scoring.scores_record(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        scores={plain.pk: "80", veteran.pk: "80", best.pk: "90", weak.pk: "59.5"},
    )
    close_registration(position.announcement)
    outcome = ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    assert outcome["cut"] == 2
    rows = {a.pk: a for a in Application.objects.all()}
    assert (rows[best.pk].rank, rows[veteran.pk].rank, rows[plain.pk].rank) == (1, 2, 3)
    assert "四川省办法 第十九条第（二）项" in rows[veteran.pk].rank_explanation
    assert rows[veteran.pk].rank_basis.startswith("preference:sichuan:art19")  # a code, not words
    assert rows[best.pk].stage == rows[veteran.pk].stage == "physical_test"
    assert rows[plain.pk].status == rows[weak.pk].status == ApplicationStatus.NOT_ADVANCED
    assert rows[weak.pk].rank_explanation == "未达合格分数线 60"
    # nothing reaches the applicants before the office releases the stage (test_result_release.py)
    assert not ApplicantNotice.objects.filter(event__endswith=":rank:exam").exists()
    latest = Application.history.filter(id=veteran.pk).order_by("-history_id").first()
    assert (latest.rank, latest.status, latest.history_user_id) == (2, "in_progress", county_officer.pk)


def test_equal_scores_without_a_preference_at_the_cut_all_advance(sichuan_exam, county_officer):
    announcement, position = sichuan_exam
    a, b, c = _reviewed(county_officer, position, 3)
    scoring.scores_record(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        scores={a.pk: "90", b.pk: "70", c.pk: "70"},
    )
    close_registration(position.announcement)
    assert ranking.stage_rank(actor=county_officer, position=position, stage="exam")["advanced"] == 3


def test_ranking_waits_for_every_score_and_absence_counts_as_below_the_line(sichuan_exam, county_officer):
    announcement, position = sichuan_exam
    a, b = _reviewed(county_officer, position, 2)
    scoring.scores_record(actor=county_officer, announcement=announcement, stage="exam", scores={a.pk: "75"})
    close_registration(position.announcement)
    with pytest.raises(DomainError, match="没有成绩"):
        ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={b.pk: "缺考"}
    )
    close_registration(position.announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    assert Application.objects.get(pk=b.pk).status == ApplicationStatus.NOT_ADVANCED


def test_a_withdrawal_frees_the_place_for_the_next_ranked_candidate(sichuan_exam, county_officer):
    announcement, position = sichuan_exam
    first, second, third = _reviewed(county_officer, position, 3)
    scoring.scores_record(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        scores={first.pk: "90", second.pk: "85", third.pk: "80"},
    )
    close_registration(position.announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    with pytest.raises(DomainError, match="名额均已有人"):
        places.call_next_candidate(actor=county_officer, position=position, reason="withdrew")
    portal.application_withdraw(user=first.applicant, application=first)
    assert [a.pk for a in selectors.next_candidates(announcement)[position.pk]] == [third.pk]  # the page
    with pytest.raises(DomainError, match="现在应递补"):  # confirmed for someone else: refused
        places.call_next_candidate(
            actor=county_officer, position=position, expected=str(second.pk), reason="withdrew"
        )
    (called,) = places.call_next_candidate(
        actor=county_officer, position=position, expected=str(third.pk), reason="withdrew"
    )
    assert called.pk == third.pk and called.stage == "physical_test"
    assert ApplicantNotice.objects.filter(event=f"application:{third.pk}:called").exists()
    # 递补 records why the place was free; the publicity list will show it with the candidate
    assert called.called_for == "withdrew" and called.get_called_for_display()


def test_candidates_tied_at_the_called_rank_are_called_together_as_at_the_cut(sichuan_exam, county_officer):
    announcement, position = sichuan_exam
    first, second, tied_a, tied_b, last = _reviewed(county_officer, position, 5)
    scores = {first.pk: "90", second.pk: "85", tied_a.pk: "80", tied_b.pk: "80", last.pk: "70"}
    scoring.scores_record(actor=county_officer, announcement=announcement, stage="exam", scores=scores)
    close_registration(position.announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    portal.application_withdraw(user=second.applicant, application=second)
    offered = selectors.next_candidates(announcement)[position.pk]
    assert {a.pk for a in offered} == {tied_a.pk, tied_b.pk}
    with pytest.raises(DomainError, match="现在应递补"):  # the page showed only one of the two
        places.call_next_candidate(
            actor=county_officer, position=position, expected=str(tied_a.pk), reason="withdrew"
        )
    called = places.call_next_candidate(
        actor=county_officer, position=position, expected=places.confirmation_key(offered), reason="withdrew"
    )
    assert {a.pk for a in called} == {tied_a.pk, tied_b.pk}
    assert Application.objects.get(pk=last.pk).status == ApplicationStatus.NOT_ADVANCED
    with pytest.raises(DomainError, match="名额均已有人"):  # the ties filled it (and more), as at the cut
        places.call_next_candidate(actor=county_officer, position=position, reason="withdrew")


def test_a_call_keeps_the_candidate_to_place_ratio_of_the_last_scored_stage(wuhou, county_officer):
    plan = approved_plan(wuhou, county_officer, service=2)
    announcement = announcement_for(
        plan, county_officer, stage_settings={"exam": {"ratio": "1.5", "pass_line": 60}}
    )
    position = announcement.positions.get()
    apps = _reviewed(county_officer, position, 5)
    scores = dict(zip([a.pk for a in apps], ("90", "85", "80", "75", "70"), strict=True))
    scoring.scores_record(actor=county_officer, announcement=announcement, stage="exam", scores=scores)
    close_registration(announcement)
    assert ranking.stage_rank(actor=county_officer, position=position, stage="exam")["advanced"] == 3
    portal.application_withdraw(user=apps[0].applicant, application=apps[0])
    # two still hold the two places, but the ratio sends three past the exam: the fourth is called
    (called,) = places.call_next_candidate(actor=county_officer, position=position, reason="withdrew")
    assert called.pk == apps[3].pk


def test_a_failed_medical_ends_the_application_and_keeps_the_finding_encrypted(sichuan_exam, county_officer):
    announcement, position = sichuan_exam
    (app,) = _reviewed(county_officer, position, 1)
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={app.pk: "88"}
    )
    close_registration(position.announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    app = results.result_record(actor=county_officer, application=app, outcome="pass")
    with pytest.raises(DomainError) as refused:  # nothing about the medical before separate consent
        results.result_record(actor=county_officer, application=app, outcome="fail", detail="血压偏高")
    assert (
        refused.value.code == "consent_missing"
        and not StageResult.objects.filter(stage="medical_exam").exists()
    )
    with pytest.raises(DomainError):  # consent to an outdated notice is not consent to this one
        portal.consent_give(user=app.applicant, application=app, purpose="medical_exam", version="2025-1")
    consent = portal.consent_give(
        user=app.applicant, application=app, purpose="medical_exam", version="2026-1"
    )
    assert (
        portal.consent_give(user=app.applicant, application=app, purpose="medical_exam", version="2026-1")
        == consent
    )
    with pytest.raises(DomainError):
        results.result_record(actor=county_officer, application=app, outcome="fail")
    app = results.result_record(
        actor=county_officer, application=app, outcome="fail", detail="血压 180/110 复检不合格"
    )
    assert app.status == ApplicationStatus.FAILED
    with connection.cursor() as cursor:
        cursor.execute("SELECT detail FROM recruitment_stageresult WHERE stage = 'medical_exam'")
        stored = cursor.fetchone()[0]
    assert "血压" not in stored and StageResult.objects.get(stage="medical_exam").detail.startswith("血压")


def test_review_rejection_needs_a_reason_and_an_article(sichuan_exam, county_officer):
    _announcement, position = sichuan_exam
    app = apply(applicant_with_profile(), position)
    with pytest.raises(DomainError):
        review.review_decide(actor=county_officer, application=app, decision="reject", reason="学历证书不符")
    app = review.review_decide(
        actor=county_officer,
        application=app,
        decision="reject",
        reason="学历证书不符",
        citations=("sichuan:art18(4)",),
    )
    assert app.review_citations == ["四川省办法 第十八条第（四）项"]


def test_an_officer_outside_the_agency_cannot_act(sichuan_exam, other_county_officer):
    _announcement, position = sichuan_exam
    app = apply(applicant_with_profile(), position)
    with pytest.raises(NotPermitted):
        review.review_decide(actor=other_county_officer, application=app, decision="pass")


def test_the_author_cannot_approve_their_own_announcement(wuhou, county_officer):
    plan = approved_plan(wuhou, county_officer, service=1)
    draft = announcement_for(plan, county_officer, publish=False)
    announcements.announcement_submit(actor=county_officer, announcement=draft)
    with pytest.raises(NotPermitted):
        announcements.announcement_approve(actor=county_officer, announcement=draft)


def test_a_revision_after_publication_is_versioned_and_every_applicant_is_told(
    sichuan_exam, county_officer, wuhou
):
    announcement, position = sichuan_exam
    apply(applicant_with_profile(), position)
    supervisor = UserFactory(role="supervisor", agency=wuhou)
    announcements.announcement_revise(
        actor=supervisor,
        announcement=announcement,
        note="考试地点改为武侯区实验中学",
        exam_arrangements="2026年12月5日 武侯区实验中学",
    )
    announcement.refresh_from_db()
    assert announcement.version == 2 and announcement.revisions.count() == 2
    assert ApplicantNotice.objects.filter(event__endswith="announcement-v2").count() == 1


@pytest.fixture
def at_publicity(wuhou, county_officer, sysadmin, calendar):
    rule_services.agency_setting_set(
        actor=sysadmin, agency=wuhou, key="publicity_working_days", value=5, basis="武公〔2026〕1号"
    )
    plan = approved_plan(wuhou, county_officer, service=1)
    announcement = announcement_for(
        plan,
        county_officer,
        simplify=("exam", "physical_test", "medical_exam", "vetting"),
        simplification_basis="成都市人社局同意（成人社函〔2026〕8号）",
    )
    return announcement, plan


JURISDICTIONS = ["sichuan", "hangzhou", "nantong", "inner_mongolia", "p001"]
NANTONG_STAGES = ["qualification_review", "written_exam", "medical_exam", "vetting"]


def _agency_ready(jurisdiction, sysadmin, *, publicity_days=None):
    agency = agency_in(jurisdiction)
    if jurisdiction == "nantong":
        rule_services.agency_setting_set(
            actor=sysadmin,
            agency=agency,
            key="recruitment_stages",
            value=NANTONG_STAGES,
            basis="通公〔2026〕1号",
        )
    if publicity_days:
        rule_services.agency_setting_set(
            actor=sysadmin,
            agency=agency,
            key="publicity_working_days",
            value=publicity_days,
            basis="公〔2026〕2号",
        )
    return agency


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.today("2026-09-29")
def test_publicity_skips_the_national_holiday_and_counts_the_adjusted_saturday(
    jurisdiction, sysadmin, calendar
):
    agency = _agency_ready(jurisdiction, sysadmin, publicity_days=5)
    officer = UserFactory(role="officer", agency=agency)
    announcement = announcement_for(approved_plan(agency, officer, service=1), officer)
    assert announcement.stages[-1] == "publicity"  # Hangzhou and Nantong publicise by the agency's choice
    app = apply(applicant_with_profile(), announcement.positions.get())
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.IN_PROGRESS, stage="publicity")
    notice = publicity.publicity_start(actor=officer, announcement=announcement, starts_on=date(2026, 9, 30))
    # 8 Oct (Thu), 9 (Fri), 10 (Sat, an adjusted working day), 12, 13: National Day week skipped.
    assert notice.ends_on == date(2026, 10, 13) and notice.working_days == 5


def test_publicity_without_a_period_in_rules_or_settings_is_refused_with_the_article(
    wuhou, county_officer, calendar
):
    plan = approved_plan(wuhou, county_officer, service=1)
    announcement = announcement_for(
        plan,
        county_officer,
        simplify=("exam", "physical_test", "medical_exam", "vetting"),
        simplification_basis="成都市人社局同意",
    )
    app = apply(applicant_with_profile(), announcement.positions.get())
    review.review_decide(actor=county_officer, application=app, decision="pass")
    with pytest.raises(DomainError) as refused:
        publicity.publicity_start(
            actor=county_officer, announcement=announcement, starts_on=date(2026, 11, 23)
        )
    assert [c.label_zh for c in refused.value.citations] == ["四川省办法 第二十一条第一款"]


@pytest.mark.today("2026-11-02")
def test_an_upheld_objection_stops_the_hire(at_publicity, county_officer):
    announcement, _plan = at_publicity
    app = apply(applicant_with_profile(), announcement.positions.get())
    review.review_decide(actor=county_officer, application=app, decision="pass")
    publicity.publicity_start(actor=county_officer, announcement=announcement, starts_on=date(2026, 11, 2))
    objection = publicity.objection_record(
        actor=county_officer, application=app, received_on=date(2026, 11, 3), content="反映该人员曾被行政拘留"
    )
    with pytest.raises(DomainError, match="异议"):
        hiring.hire(
            actor=county_officer,
            application=app,
            hired_on=date(2026, 11, 20),
            contract_ends_on=date(2029, 11, 19),
            probation_ends_on=date(2027, 2, 19),
            stated_items=CONTENTS,
        )
    publicity.objection_resolve(
        actor=county_officer, objection=objection, upheld=True, resolution="经核实属实"
    )
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.FAILED
    assert Objection.objects.get().status == "upheld"


@pytest.mark.today("2026-11-02")
def test_a_candidate_called_after_an_upheld_objection_gets_a_second_publicity_showing_why(
    clock, client, wuhou, county_officer, sysadmin, calendar
):
    rule_services.agency_setting_set(
        actor=sysadmin, agency=wuhou, key="publicity_working_days", value=5, basis="武公〔2026〕1号"
    )
    announcement = announcement_for(
        approved_plan(wuhou, county_officer, service=1),
        county_officer,
        simplify=("physical_test", "medical_exam", "vetting"),
        simplification_basis="成都市人社局同意（成人社函〔2026〕8号）",
        stage_settings={"exam": {"ratio": 1, "pass_line": 60}},
    )
    position = announcement.positions.get()
    first, second = _reviewed(county_officer, position, 2)
    scoring.scores_record(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        scores={first.pk: "90", second.pk: "85"},
    )
    close_registration(announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    publicity.publicity_start(actor=county_officer, announcement=announcement, starts_on=date(2026, 11, 2))
    objection = publicity.objection_record(
        actor=county_officer,
        application=first,
        received_on=date(2026, 11, 3),
        content="反映该人员曾被行政拘留",
    )
    publicity.objection_resolve(
        actor=county_officer, objection=objection, upheld=True, resolution="经核实属实"
    )

    (called,) = places.call_next_candidate(actor=county_officer, position=position, reason="objection_upheld")
    assert called.pk == second.pk and called.stage == "publicity"
    with pytest.raises(DomainError, match="名额均已有人"):
        places.call_next_candidate(actor=county_officer, position=position, reason="withdrew")
    clock.shift(timezone.timedelta(days=1))
    again = publicity.publicity_start(
        actor=county_officer, announcement=announcement, starts_on=date(2026, 11, 3)
    )
    assert list(again.entries.all()) == [Application.objects.get(pk=second.pk)]

    batches = selectors.publicity_batches(announcement)
    assert [b["alternates"] for b in batches] == [False, True]
    page = client.get(reverse("portal_announcement", args=[announcement.pk])).content.decode()
    assert (
        "递补人员公示" in page
        and "异议成立" in page
        and page.index("拟聘用人员") < page.index("递补人员公示")
    )


def _two_ready_for_one_place(jurisdiction="hangzhou", sysadmin=None):
    agency = _agency_ready(jurisdiction, sysadmin) if sysadmin else agency_in(jurisdiction)
    officer = UserFactory(role="officer", agency=agency)
    plan = approved_plan(agency, officer, service=1)
    announcement = announcement_for(plan, officer)
    position = announcement.positions.get()
    apps = [apply(applicant_with_profile(), position) for _ in range(2)]
    # Both reached hiring (e.g. the second was called after a withdrawal that was then reversed).
    Application.objects.filter(pk__in=[a.pk for a in apps]).update(
        status=ApplicationStatus.IN_PROGRESS, stage="hire"
    )
    return officer, plan, apps


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_the_last_place_cannot_be_filled_twice(jurisdiction, sysadmin):
    officer, plan, (first, second) = _two_ready_for_one_place(jurisdiction, sysadmin)
    hiring.hire(
        actor=officer,
        application=first,
        hired_on=date(2026, 12, 1),
        contract_ends_on=date(2029, 11, 30),
        probation_ends_on=date(2027, 2, 28),
        stated_items=CONTENTS,
    )
    with pytest.raises(DomainError):
        hiring.hire(
            actor=officer,
            application=second,
            hired_on=date(2026, 12, 1),
            contract_ends_on=date(2029, 11, 30),
            probation_ends_on=date(2027, 2, 28),
            stated_items=CONTENTS,
        )
    quota = Quota.objects.get(pk=plan.quota_id)
    assert (quota.in_post_service, quota.reserved_service) == (1, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_hiring_the_last_place_at_once_fill_it_once():
    officer, plan, apps = _two_ready_for_one_place()
    barrier, outcomes = threading.Barrier(2), []

    def hire(app):
        try:
            barrier.wait()
            hiring.hire(
                actor=officer,
                application=app,
                hired_on=date(2026, 12, 1),
                contract_ends_on=date(2029, 11, 30),
                probation_ends_on=date(2027, 2, 28),
                stated_items=CONTENTS,
            )
            outcomes.append("hired")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=hire, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["hired", "position_full"]
    quota = Quota.objects.get(pk=plan.quota_id)
    assert (quota.in_post_service, quota.reserved_service) == (1, 0)
    assert Application.objects.filter(status="hired").count() == 1


def test_notices_are_delivered_by_email_and_sms_once_even_when_delivery_runs_twice(sichuan_exam, settings):
    settings.SMS_BACKEND = "auxpolice.core.sms.MemoryBackend"
    from auxpolice.core import sms

    sms.outbox.clear()
    _announcement, position = sichuan_exam
    user = applicant_with_profile(email="zhang@example.cn")
    app = apply(user, position)
    notices.notify(app, "submitted", "submitted", announcement="again", position="again")  # the event again
    mail.outbox.clear()
    notices.deliver()
    notices.deliver()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhang@example.cn"]
    assert (
        mail.outbox[0].subject == f"【辅警招聘】报名已提交：{_announcement.title}"
    )  # words from the template
    assert position.code in mail.outbox[0].body and "again" not in mail.outbox[0].body
    assert len(sms.outbox) == 1
    assert ApplicantNotice.objects.get().channels == ["email", "sms"]


@pytest.mark.today("2026-11-02")
def test_the_publicity_end_notice_goes_once_however_often_the_daily_job_runs(at_publicity, county_officer):
    announcement, _plan = at_publicity
    app = apply(applicant_with_profile(), announcement.positions.get())
    review.review_decide(actor=county_officer, application=app, decision="pass")
    notice = publicity.publicity_start(
        actor=county_officer, announcement=announcement, starts_on=date(2026, 11, 2)
    )
    assert publicity.close_ended(today=notice.ends_on) == 0
    publicity.close_ended(today=date(2026, 11, 20))
    publicity.close_ended(today=date(2026, 11, 21))
    assert ApplicantNotice.objects.filter(event__contains="publicity-ended").count() == 1


def test_closing_the_plan_gives_unfilled_reserved_places_back_to_the_quota(db):
    officer, plan, (first, second) = _two_ready_for_one_place()
    from recruitment.services.announcements import plan_close

    with pytest.raises(DomainError):
        plan_close(actor=officer, plan=plan)  # two people still in progress
    portal.application_withdraw(user=first.applicant, application=first)
    portal.application_withdraw(user=second.applicant, application=second)
    plan_close(actor=officer, plan=plan)
    quota = Quota.objects.get(pk=plan.quota_id)
    assert (quota.reserved_service, quota.in_post_service) == (0, 0)
    plan.refresh_from_db()
    assert plan.status == "closed" and plan.announcements.get().status == "closed"


def test_hiring_a_hired_candidate_again_says_so(sysadmin):
    from auxpolice.core.errors import Conflict

    officer, plan, (first, _second) = _two_ready_for_one_place("hangzhou", sysadmin)
    terms = dict(
        hired_on=date(2026, 12, 1),
        contract_ends_on=date(2029, 11, 30),
        probation_ends_on=date(2027, 2, 28),
        stated_items=CONTENTS,
    )
    hiring.hire(actor=officer, application=first, **terms)
    with pytest.raises(Conflict) as error:
        hiring.hire(actor=officer, application=first, **terms)
    assert error.value.code == "already_hired"


def test_a_stage_is_not_ranked_while_registration_is_open_and_the_page_says_until_when(
    client, sichuan_exam, county_officer
):
    announcement, position = sichuan_exam
    (app,) = _reviewed(county_officer, position, 1)
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={app.pk: "80"}
    )
    closes = timezone.localtime(announcement.registration_closes).strftime("%Y-%m-%d %H:%M")
    with pytest.raises(DomainError) as refused:
        ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    assert refused.value.code == "stage_gate" and closes in str(refused.value.message)
    assert Application.objects.get(pk=app.pk).rank is None
    client_for(client, county_officer)
    page = client.get(reverse("stage_scores", args=[announcement.pk, "exam"])).content.decode()
    assert closes in page and "disabled" in page


def test_a_stage_is_not_ranked_while_applications_await_review(sichuan_exam, county_officer):
    announcement, position = sichuan_exam
    (app,) = _reviewed(county_officer, position, 1)
    apply(applicant_with_profile(), position)  # submitted, not yet reviewed
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={app.pk: "80"}
    )
    close_registration(announcement)
    with pytest.raises(DomainError, match="1"):
        ranking.stage_rank(actor=county_officer, position=position, stage="exam")


@pytest.mark.today("2026-11-10")
def test_publicity_is_never_backdated(at_publicity, county_officer):
    announcement, _plan = at_publicity
    app = apply(applicant_with_profile(), announcement.positions.get())
    review.review_decide(actor=county_officer, application=app, decision="pass")
    with pytest.raises(DomainError) as refused:
        publicity.publicity_start(actor=county_officer, announcement=announcement, starts_on=date(2020, 1, 6))
    assert refused.value.field == "starts_on" and "2026-11-10" in str(refused.value.message)
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.IN_PROGRESS
    assert publicity.publicity_start(
        actor=county_officer, announcement=announcement, starts_on=date(2026, 11, 10)
    )


def test_the_list_shows_a_score_below_the_line_and_marks_an_absence(client, sichuan_exam, county_officer):
    announcement, position = sichuan_exam
    good, weak, away = _reviewed(county_officer, position, 3)
    scoring.scores_record(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        scores={good.pk: "80", weak.pk: "59.9", away.pk: "缺考"},
    )
    close_registration(announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    client_for(client, county_officer)
    page = client.get(reverse("application_list", args=[announcement.pk])).content.decode()
    assert "59.90" in page and "未达合格分数线" in page and "缺考" in page
