"""Recruitment follows each jurisdiction's text: stage order, eligibility with its citation,
relaxations only when stated in the announcement."""

from datetime import date

import pytest

from auxpolice.core.errors import DomainError, RuleViolation
from auxpolice.rules import services as rule_services
from recruitment.models import Application
from tests.factories import UserFactory
from tests.recruitment.builders import (
    agency_in,
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
)

STAGES = {
    "sichuan": ["qualification_review", "exam", "physical_test", "medical_exam", "vetting", "publicity"],
    "hangzhou": [
        "qualification_review",
        "written_exam",
        "interview",
        "physical_test",
        "medical_exam",
        "vetting",
    ],
    "inner_mongolia": [
        "registration_and_qualification_review",
        "written_exam_physical_test_interview",
        "medical_exam",
        "vetting",
        "publicity",
    ],
    "p001": [
        "qualification_review",
        "written_exam",
        "interview",
        "physical_test",
        "medical_exam",
        "vetting",
        "publicity",
    ],
}


def _setup(jurisdiction, **plan):
    agency = agency_in(jurisdiction)
    officer = UserFactory(role="officer", agency=agency)
    return agency, officer, approved_plan(agency, officer, **(plan or {"service": 2}))


@pytest.mark.parametrize("jurisdiction", sorted(STAGES))
def test_stages_follow_the_jurisdictions_text_in_order(db, jurisdiction):
    _agency, officer, plan = _setup(jurisdiction)
    assert announcement_for(plan, officer, publish=False).stages == STAGES[jurisdiction]


def test_nantong_lists_no_stages_so_the_agency_setting_decides(db, sysadmin):
    agency, officer, plan = _setup("nantong")
    with pytest.raises(RuleViolation, match="招聘环节"):
        announcement_for(plan, officer, publish=False)
    rule_services.agency_setting_set(
        actor=sysadmin,
        agency=agency,
        key="recruitment_stages",
        basis="通公〔2026〕1号",
        value=["qualification_review", "written_exam", "medical_exam", "vetting"],
    )
    announcement = announcement_for(plan, officer, publish=False)
    assert announcement.stages == ["qualification_review", "written_exam", "medical_exam", "vetting"]
    assert announcement.stages_source == "agency_setting"


def test_hangzhou_publicises_only_when_the_agency_sets_a_period(db, sysadmin):
    agency, officer, plan = _setup("hangzhou")
    rule_services.agency_setting_set(
        actor=sysadmin, agency=agency, key="publicity_working_days", value=5, basis="杭公〔2026〕1号"
    )
    assert announcement_for(plan, officer, publish=False).stages[-1] == "publicity"


def test_inner_mongolia_may_not_leave_out_the_examination(db):
    _agency, officer, plan = _setup("inner_mongolia")
    with pytest.raises(RuleViolation) as refused:
        announcement_for(
            plan,
            officer,
            publish=False,
            simplify=("written_exam_physical_test_interview",),
            simplification_basis="盟政府同意",
        )
    assert "内蒙古条例 第十七条" in [c.label_zh for c in refused.value.citations]


def test_sichuan_simplification_needs_the_recorded_hr_agreement(db):
    _agency, officer, plan = _setup("sichuan")
    with pytest.raises(RuleViolation) as refused:
        announcement_for(plan, officer, publish=False, simplify=("physical_test",))
    assert [c.label_zh for c in refused.value.citations] == ["四川省办法 第二十一条第二款"]
    announcement = announcement_for(
        plan,
        officer,
        publish=False,
        simplify=("physical_test",),
        simplification_basis="成都市人社局同意（成人社函〔2026〕8号）",
    )
    assert "physical_test" not in announcement.stages


INELIGIBLE = {
    "sichuan": ({"birth": date(1980, 1, 1)}, (), "四川省办法 第十八条第（三）项"),
    "hangzhou": ({}, ("criminal_record_or_pending",), "杭州市规定 第十二条第（一）项"),
    "inner_mongolia": ({"education": "high_school"}, (), "内蒙古条例 第二十一条第（三）项"),
    "p001": ({}, ("credit_blacklist",), "（001省）条例 第十五条第（五）项"),
}


@pytest.mark.parametrize("jurisdiction", sorted(INELIGIBLE))
def test_an_ineligible_applicant_is_stopped_with_the_article_and_nothing_is_saved(db, jurisdiction):
    _agency, officer, plan = _setup(jurisdiction)
    position = announcement_for(plan, officer).positions.get()
    profile, applies, article = INELIGIBLE[jurisdiction]
    user = applicant_with_profile(**profile)
    with pytest.raises(RuleViolation) as refused:
        apply(user, position, applies)
    assert article in [c.label_zh for c in refused.value.citations]
    assert not Application.objects.exists()


def test_nantong_refuses_by_the_agency_setting_where_its_text_is_silent(db, sysadmin):
    agency, officer, plan = _setup("nantong")
    rule_services.agency_setting_set(
        actor=sysadmin,
        agency=agency,
        key="recruitment_stages",
        basis="通公〔2026〕1号",
        value=["qualification_review", "written_exam", "medical_exam", "vetting"],
    )
    rule_services.agency_setting_set(
        actor=sysadmin, agency=agency, key="max_age", value=35, basis="通公〔2026〕2号"
    )
    position = announcement_for(plan, officer).positions.get()
    with pytest.raises(RuleViolation, match="机构设置为35周岁"):
        apply(applicant_with_profile(birth=date(1980, 1, 1)), position)
    assert apply(applicant_with_profile(), position).status == "submitted"


RELAXATION = {
    # jurisdiction: (profile, relaxation stated in the announcement, article named on refusal)
    "sichuan": (
        {"birth": date(1988, 6, 1)},
        {"what": "age", "group": "urgently_needed_professional_or_skilled", "max_age": 40},
        "四川省办法 第十八条第（三）项",
    ),
    "hangzhou": (
        {"education": "high_school", "statuses": ["veteran"]},
        {"what": "education", "group": "veteran", "min_education": "high_school"},
        "杭州市规定 第十条第（四）项",
    ),
    "p001": (
        {"education": "high_school"},
        {"what": "education", "group": "special_post", "min_education": "high_school"},
        "（001省）条例 第十三条第（五）项",
    ),
}


@pytest.mark.parametrize("jurisdiction", sorted(RELAXATION))
def test_a_relaxation_helps_only_when_the_announcement_states_it(db, jurisdiction):
    _agency, officer, plan = _setup(jurisdiction, civilian=1, service=1)
    profile, relaxation, article = RELAXATION[jurisdiction]
    positions = [{"code": "01", "title": "文职辅警", "category": "civilian", "places": 1}]
    plain = announcement_for(plan, officer, positions=positions).positions.get()
    user = applicant_with_profile(**profile)
    with pytest.raises(RuleViolation) as refused:
        apply(user, plain)
    assert article in [c.label_zh for c in refused.value.citations]
    stated = announcement_for(
        plan,
        officer,
        relaxations=[relaxation],
        positions=[{"code": "02", "title": "勤务辅警", "category": "service", "places": 1}],
    )
    application = apply(user, stated.positions.get())
    assert application.eligibility["outcome"] in ("allowed", "warning", "unknown", "not_regulated")


def test_inner_mongolia_relaxation_also_needs_the_governments_approval(db):
    _agency, officer, plan = _setup("inner_mongolia")
    relaxation = {"what": "education", "group": "veteran", "min_education": "high_school"}
    user = applicant_with_profile(education="high_school", statuses=["veteran"])
    unapproved = announcement_for(
        plan,
        officer,
        relaxations=[relaxation],
        positions=[{"code": "01", "title": "勤务", "category": "service", "places": 1}],
    )
    with pytest.raises(RuleViolation, match="批准"):
        apply(user, unapproved.positions.get())
    approved = announcement_for(
        plan,
        officer,
        relaxations=[relaxation],
        approvals=["league_city_government"],
        positions=[{"code": "02", "title": "勤务", "category": "service", "places": 1}],
    )
    assert apply(user, approved.positions.get()).status == "submitted"


def test_an_announcement_cannot_state_a_relaxation_the_text_does_not_offer(db):
    _agency, officer, plan = _setup("sichuan")
    with pytest.raises(RuleViolation):
        announcement_for(
            plan,
            officer,
            publish=False,
            relaxations=[{"what": "education", "group": "veteran", "min_education": "junior_secondary"}],
        )


def test_an_announcement_cannot_offer_more_places_than_the_plan(db):
    _agency, officer, plan = _setup("sichuan")
    with pytest.raises(DomainError, match="2"):
        announcement_for(
            plan,
            officer,
            publish=False,
            positions=[{"code": "01", "title": "勤务", "category": "service", "places": 3}],
        )
