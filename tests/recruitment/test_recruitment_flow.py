import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from auxpolice.rules import services as rule_services
from headcount.models import Quota
from personnel.models import AuxiliaryOfficer, LaborContract
from recruitment.models import ApplicantNotice, ApplicationStatus
from recruitment.services import hiring, portal, publicity, ranking, releases, results, review, scoring
from tests.recruitment.builders import (
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
    "social_insurance",
    "discipline",
    "termination",
    "liability",
)


@pytest.fixture
def calendar(db):
    call_command("calendar_seed", stdout=io.StringIO())


@pytest.mark.today("2026-11-23")
def test_a_sichuan_applicant_goes_from_application_through_every_stage_to_hire(
    wuhou, county_officer, sysadmin, calendar
):
    rule_services.agency_setting_set(
        actor=sysadmin, agency=wuhou, key="publicity_working_days", value=5, basis="武公〔2026〕1号"
    )
    plan = approved_plan(wuhou, county_officer, service=1)
    announcement = announcement_for(plan, county_officer)
    assert announcement.stages == [
        "qualification_review",
        "exam",
        "physical_test",
        "medical_exam",
        "vetting",
        "publicity",
    ]
    position = announcement.positions.get()
    user = applicant_with_profile(email="a@example.cn")
    application = apply(user, position)
    review.review_decide(actor=county_officer, application=application, decision="pass")
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={application.pk: "81.5"}
    )
    close_registration(position.announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    for purpose in ("medical_exam", "vetting"):
        portal.consent_give(user=user, application=application, purpose=purpose, version="2026-1")
    for _stage in ("physical_test", "medical_exam", "vetting"):
        application.refresh_from_db()
        results.result_record(actor=county_officer, application=application, outcome="pass")
    application.refresh_from_db()
    assert application.stage == "publicity"
    notice = publicity.publicity_start(
        actor=county_officer, announcement=announcement, starts_on=date(2026, 11, 23)
    )
    assert notice.ends_on == date(2026, 11, 30)
    application.refresh_from_db()
    with pytest.raises(Exception, match="2026-11-30"):
        hiring.hire(
            actor=county_officer,
            application=application,
            hired_on=date(2026, 11, 30),
            contract_ends_on=date(2029, 11, 30),
            probation_ends_on=date(2027, 2, 28),
            stated_items=CONTENTS,
        )
    hiring.hire(
        actor=county_officer,
        application=application,
        hired_on=date(2026, 12, 1),
        contract_ends_on=date(2029, 11, 30),
        probation_ends_on=date(2027, 2, 28),
        stated_items=CONTENTS,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED
    officer = AuxiliaryOfficer.objects.get()
    assert officer.full_name == application.full_name and officer.id_number == application.id_number
    assert LaborContract.objects.get(officer=officer).probation_ends_on == date(2027, 2, 28)
    quota = Quota.objects.get(pk=plan.quota_id)
    assert (quota.in_post_service, quota.reserved_service) == (1, 0)
    releases.release_schedule(
        actor=county_officer, announcement=announcement, stage="exam", release_at=timezone.now()
    )
    releases.release_due()
    events = set(ApplicantNotice.objects.filter(user=user).values_list("event", flat=True))
    assert {
        f"application:{application.pk}:{e}" for e in ("submitted", "review:pass", "rank:exam", "hired")
    } <= events
