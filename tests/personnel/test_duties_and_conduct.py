"""What the regulations require day to day: duties, posting, issued items, separation, suspension."""

from datetime import date

import pytest

from auxpolice.core.errors import DomainError, RuleViolation
from auxpolice.rules import services as rule_services
from auxpolice.rules.citations import cited_words
from headcount.models import Quota
from personnel.models import IssuedItem, OfficerStatus, TrainingResult
from personnel.services import conduct, duties, items, separation
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from personnel.services.contracts import contract_sign
from tests.factories import QuotaFactory, UserFactory
from tests.recruitment.builders import (
    agency_in,
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
)
from tests.recruitment.builders import id_number as make_id

JURISDICTIONS = ["sichuan", "hangzhou", "nantong", "inner_mongolia", "p001"]
ON = date(2026, 11, 2)
FORBIDDEN = {  # a duty no auxiliary may do, and the article each text says it in
    "sichuan": ("state_secrets", "四川省办法 第十三条第（二）项"),
    "hangzhou": ("state_secrets", "杭州市规定 第七条第（一）项"),
    "inner_mongolia": ("state_secrets", "内蒙古条例 第十五条第（二）项"),
    "p001": ("state_secrets", "（001省）条例 第二十条第（二）项"),
}
SERVICE_DUTY = {
    "sichuan": "service_led_by_police.1",
    "hangzhou": "service.1",
    "nantong": "service.patrol_prevention",
    "inner_mongolia": "service_enforcement_assist.1",
    "p001": "service.1",
}


def _person(jurisdiction, category="service", *, trained=True):
    agency = agency_in(jurisdiction)
    officer = UserFactory(role="officer", agency=agency)
    QuotaFactory(agency=agency, year=2026, approved_total=5)
    person = auxiliary_create(
        actor=officer,
        agency=agency,
        person=NewAuxiliary(
            full_name="测试辅警",
            id_number=make_id(date(1995, 3, 3)),
            category=category,
            hired_on=date(2026, 3, 1),
        ),
    )
    if trained:
        duties.training_record(
            actor=officer,
            officer=person,
            kind="pre_service",
            title="岗前培训",
            started_on=date(2026, 3, 1),
            ended_on=date(2026, 3, 20),
            result=TrainingResult.PASSED,
        )
    return officer, person


@pytest.mark.parametrize("jurisdiction", sorted(FORBIDDEN))
def test_a_forbidden_duty_is_refused_with_the_jurisdictions_article(db, jurisdiction):
    officer, person = _person(jurisdiction)
    code, article = FORBIDDEN[jurisdiction]
    with pytest.raises(RuleViolation) as refused:
        duties.duty_assign(actor=officer, officer=person, duty=code, starts_on=ON)
    assert article in [c.label_zh for c in refused.value.citations]
    assert not person.duties.exists()


def test_nantong_forbids_by_the_agency_setting_where_its_text_lists_nothing(db, sysadmin):
    officer, person = _person("nantong")
    rule_services.agency_setting_set(
        actor=sysadmin,
        agency=person.agency,
        key="forbidden_duties",
        value=["state_secrets"],
        basis="通公〔2026〕3号",
    )
    with pytest.raises(RuleViolation, match="机构设置"):
        duties.duty_assign(actor=officer, officer=person, duty="state_secrets", starts_on=ON)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_civilian_cannot_be_given_a_service_duty_but_service_staff_can(db, jurisdiction):
    officer, civilian = _person(jurisdiction, "civilian")
    with pytest.raises(RuleViolation, match="勤务辅警的职责"):
        duties.duty_assign(actor=officer, officer=civilian, duty=SERVICE_DUTY[jurisdiction], starts_on=ON)
    service = auxiliary_create(
        actor=officer,
        agency=civilian.agency,
        person=NewAuxiliary(
            full_name="勤务",
            id_number=make_id(date(1996, 4, 4)),
            category="service",
            hired_on=date(2026, 3, 1),
        ),
    )
    duties.training_record(
        actor=officer,
        officer=service,
        kind="pre_service",
        title="岗前培训",
        started_on=date(2026, 3, 1),
        ended_on=date(2026, 3, 20),
        result=TrainingResult.PASSED,
    )
    assignment = duties.duty_assign(
        actor=officer, officer=service, duty=SERVICE_DUTY[jurisdiction], starts_on=ON
    )
    assert assignment.basis  # the article that allows it is on the record


def test_inner_mongolia_refuses_posting_without_passed_pre_service_training(db):
    officer, person = _person("inner_mongolia", trained=False)
    with pytest.raises(RuleViolation) as refused:
        duties.officer_post(actor=officer, officer=person, post="巡逻", on=ON)
    assert "内蒙古条例 第三十五条第二款" in [c.label_zh for c in refused.value.citations]
    with pytest.raises(RuleViolation):
        duties.duty_assign(actor=officer, officer=person, duty=SERVICE_DUTY["inner_mongolia"], starts_on=ON)
    duties.training_record(
        actor=officer,
        officer=person,
        kind="pre_service",
        title="岗前培训",
        started_on=ON,
        ended_on=ON,
        result=TrainingResult.FAILED,
    )
    with pytest.raises(RuleViolation):
        duties.officer_post(actor=officer, officer=person, post="巡逻", on=ON)
    duties.training_record(
        actor=officer,
        officer=person,
        kind="pre_service",
        title="补训",
        started_on=ON,
        ended_on=ON,
        result=TrainingResult.PASSED,
    )
    assert duties.officer_post(actor=officer, officer=person, post="巡逻", on=ON).post == "巡逻"


@pytest.mark.parametrize("jurisdiction", ["sichuan", "hangzhou", "p001"])
def test_posting_without_pre_service_training_is_allowed_where_the_text_does_not_require_it(db, jurisdiction):
    officer, person = _person(jurisdiction, trained=False)
    assert duties.officer_post(actor=officer, officer=person, post="巡逻", on=ON).post == "巡逻"


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_weapon_can_never_be_issued(db, jurisdiction):
    officer, person = _person(jurisdiction)
    with pytest.raises(RuleViolation):
        items.item_issue(actor=officer, officer=person, item="weapon", issued_on=ON)
    assert not IssuedItem.objects.exists()


def test_the_database_refuses_a_weapon_even_past_the_service(db):
    from django.db import IntegrityError, transaction

    officer, person = _person("sichuan")
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedItem.objects.create(officer=person, item="weapon", issued_on=ON, issued_by=officer)


def test_restraint_tools_are_issued_with_the_conditions_the_text_sets(db):
    officer, person = _person("p001")
    record = items.item_issue(actor=officer, officer=person, item="restraint_instrument", issued_on=ON)
    assert "指挥和带领" in record.conditions  # p001: command AND lead, literally


def test_separation_is_blocked_until_every_item_is_back_and_the_work_id_revoked(db):
    officer, person = _person("sichuan")
    work_id = items.item_issue(
        actor=officer, officer=person, item="work_id", issued_on=ON, serial_number="W001"
    )
    uniform = items.item_issue(actor=officer, officer=person, item="uniform", issued_on=ON)
    leaving = separation.separation_open(
        actor=officer, officer=person, kind="resignation", leaves_on=date(2026, 11, 30), reason="个人原因辞职"
    )
    assert {row["item"] for row in leaving.checklist} >= {"work_id", "uniform", "insignia"}
    with pytest.raises(RuleViolation) as refused:
        separation.separation_complete(actor=officer, separation=leaving)
    assert "四川省办法 第二十六条" in [c.label_zh for c in refused.value.citations]
    items.item_close(
        actor=officer, item=uniform, status="lost", on=ON, loss_report="执勤中遗失，已写出情况说明"
    )
    items.item_close(actor=officer, item=work_id, status="returned", on=ON)
    with pytest.raises(RuleViolation, match="revoked|注销"):
        separation.separation_complete(actor=officer, separation=leaving)
    items.item_close(actor=officer, item=work_id, status="revoked", on=ON)
    separation.separation_complete(actor=officer, separation=leaving)
    person.refresh_from_db()
    assert person.status == OfficerStatus.SEPARATED and person.separated_on == date(2026, 11, 30)
    assert Quota.objects.get(pk=person.quota_id).in_post_service == 0


def test_a_lost_item_needs_a_write_up(db):
    officer, person = _person("sichuan")
    uniform = items.item_issue(actor=officer, officer=person, item="uniform", issued_on=ON)
    with pytest.raises(DomainError):
        items.item_close(actor=officer, item=uniform, status="lost", on=ON)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_suspended_person_cannot_be_assigned_duties(db, jurisdiction):
    officer, person = _person(jurisdiction)
    first = duties.duty_assign(actor=officer, officer=person, duty=SERVICE_DUTY[jurisdiction], starts_on=ON)
    suspension = conduct.suspension_start(
        actor=officer, officer=person, starts_on=date(2026, 11, 5), reason="群众投诉调查期间"
    )
    first.refresh_from_db()
    assert first.ends_on == date(2026, 11, 5)  # duties stop with the suspension
    with pytest.raises(RuleViolation) as refused:
        duties.duty_assign(
            actor=officer, officer=person, duty=SERVICE_DUTY[jurisdiction], starts_on=date(2026, 11, 6)
        )
    if jurisdiction == "p001":
        assert [c.label_zh for c in refused.value.citations] == ["（001省）条例 第三十二条第一款"]
        assert suspension.basis == "p001:art32.p1"  # the reference is stored; its words come when shown
        assert cited_words(suspension.basis) == "（001省）条例 第三十二条第一款"
    conduct.suspension_end(actor=officer, suspension=suspension, ends_on=date(2026, 11, 10))
    assert (
        duties.duty_assign(
            actor=officer, officer=person, duty=SERVICE_DUTY[jurisdiction], starts_on=date(2026, 11, 11)
        ).ends_on
        is None
    )


def test_the_complainant_must_be_told_where_the_rules_say_so(db):
    officer, person = _person("p001")
    complaint = conduct.complaint_receive(
        actor=officer, officer=person, received_on=ON, complainant="王先生", content="执勤时态度生硬"
    )
    with pytest.raises(DomainError) as refused:
        conduct.complaint_decide(
            actor=officer,
            complaint=complaint,
            outcome="upheld",
            findings="属实",
            decided_on=date(2026, 11, 9),
        )
    assert "（001省）条例 第三十一条第二款" in [c.label_zh for c in refused.value.citations]
    conduct.complaint_decide(
        actor=officer,
        complaint=complaint,
        outcome="upheld",
        findings="属实",
        decided_on=date(2026, 11, 9),
        complainant_informed_on=date(2026, 11, 10),
    )


def test_someone_dismissed_is_stopped_by_the_recruitment_pre_check_whatever_they_declare(
    wuhou, county_officer
):
    user = applicant_with_profile(area="510107")
    profile = user.applicant_profile
    QuotaFactory(agency=wuhou, year=2025, approved_total=3)
    past = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name=profile.full_name,
            id_number=profile.id_number,
            category="service",
            hired_on=date(2025, 3, 1),
        ),
    )
    contract = contract_sign(
        actor=county_officer,
        officer=past,
        starts_on=date(2025, 3, 1),
        ends_on=date(2028, 2, 29),
        probation_ends_on=date(2025, 6, 1),
        stated_items=(
            "rights_duties",
            "job_requirements",
            "working_conditions",
            "probation",
            "term",
            "pay",
            "termination_grounds",
            "breach_liability",
        ),
    )
    from personnel.services.contracts import contract_terminate

    contract_terminate(
        actor=county_officer, contract=contract, ground="serious_violation_of_rules", on=date(2025, 9, 1)
    )
    leaving = separation.separation_open(
        actor=county_officer,
        officer=past,
        kind="dismissal",
        leaves_on=date(2025, 9, 1),
        reason="严重违反管理规章制度",
    )
    separation.separation_complete(actor=county_officer, separation=leaving)
    plan = approved_plan(wuhou, county_officer, service=1)
    position = announcement_for(plan, county_officer).positions.get()
    with pytest.raises(RuleViolation) as refused:
        apply(user, position)  # declares that nothing applies
    assert "四川省办法 第二十条第（七）项" in [c.label_zh for c in refused.value.citations]


def test_record_pages_add_and_act_within_scope_and_lists_cover_the_subtree(
    client, wuhou, county_officer, city_officer, other_county_officer
):
    from django.urls import reverse

    from tests.conftest import client_for

    QuotaFactory(agency=wuhou, year=2026, approved_total=3)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="李强",
            id_number=make_id(date(1994, 1, 2)),
            category="service",
            hired_on=date(2026, 3, 1),
        ),
    )
    client_for(client, county_officer)
    url = reverse("person_records", args=[person.pk, "suspensions"])
    response = client.post(url, {"starts_on": "2026-11-05", "reason": "接受调查"})
    assert response.status_code == 302 and person.suspensions.count() == 1
    response = client.post(
        reverse("person_records", args=[person.pk, "duties"]),
        {"duty": "service_led_by_police.1", "starts_on": "2026-11-06"},
    )
    assert response.status_code == 400 and not person.duties.exists()
    suspension = person.suspensions.get()
    client.post(reverse("record_suspensions_end", args=[suspension.pk]), {"on": "2026-11-09"})
    suspension.refresh_from_db()
    assert suspension.ends_on == date(2026, 11, 9)
    client_for(client, city_officer)
    assert "李强" in client.get(reverse("records_list", args=["suspensions"])).content.decode()
    client_for(client, other_county_officer)
    assert "李强" not in client.get(reverse("records_list", args=["suspensions"])).content.decode()
    assert client.get(url).status_code == 404


def test_health_findings_are_restricted_and_every_full_view_is_logged(client, wuhou, county_officer):
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    from personnel.models import SensitiveAccess
    from tests.conftest import client_for

    QuotaFactory(agency=wuhou, year=2026, approved_total=3)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="赵敏",
            id_number=make_id(date(1993, 5, 6)),
            category="service",
            hired_on=date(2026, 3, 1),
        ),
    )
    conduct.health_check_record(
        actor=county_officer,
        officer=person,
        checked_on=ON,
        fit_for_duty=True,
        findings="轻度高血压，建议复查",
    )
    client_for(client, county_officer)
    url = reverse("person_records", args=[person.pk, "health"])
    assert "高血压" not in client.get(url).content.decode()
    county_officer.user_permissions.add(Permission.objects.get(codename="view_health_records"))
    client_for(client, type(county_officer).objects.get(pk=county_officer.pk))
    assert "高血压" in client.get(url).content.decode()
    assert SensitiveAccess.objects.filter(officer=person, field="health").count() == 1


def test_training_and_health_checks_due_appear_on_the_deadline_page(client, wuhou, county_officer):
    from django.urls import reverse
    from django.utils import timezone

    from tests.conftest import client_for

    QuotaFactory(agency=wuhou, year=2026, approved_total=3)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="周杰",
            id_number=make_id(date(1992, 7, 8)),
            category="service",
            hired_on=date(2026, 3, 1),
        ),
    )
    soon = timezone.localdate() + __import__("datetime").timedelta(days=20)
    duties.training_record(
        actor=county_officer,
        officer=person,
        kind="annual",
        title="年度轮训",
        started_on=date(2026, 3, 1),
        ended_on=date(2026, 3, 5),
        result="passed",
        next_due_on=soon,
    )
    conduct.health_check_record(
        actor=county_officer, officer=person, checked_on=date(2026, 3, 1), fit_for_duty=True, next_due_on=soon
    )
    client_for(client, county_officer)
    page = client.get(reverse("deadlines_due")).content.decode()
    assert page.count("周杰") == 2


@pytest.mark.parametrize(
    "kind",
    [
        "duties",
        "qualifications",
        "training",
        "items",
        "health",
        "injuries",
        "rewards",
        "complaints",
        "suspensions",
        "recusals",
        "discipline",
        "separation",
    ],
)
def test_every_record_page_renders_for_a_person_and_across_the_subtree(client, wuhou, county_officer, kind):
    from django.urls import reverse

    from tests.conftest import client_for

    QuotaFactory(agency=wuhou, year=2026, approved_total=3)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="吴敏",
            id_number=make_id(date(1991, 2, 3)),
            category="service",
            hired_on=date(2026, 3, 1),
        ),
    )
    client_for(client, county_officer)
    assert client.get(reverse("person_records", args=[person.pk, kind])).status_code == 200
    assert client.get(reverse("records_list", args=[kind])).status_code == 200


def test_someone_who_resigned_can_be_hired_again_and_keeps_one_record(db, wuhou, county_officer):
    from recruitment.services import hiring, review

    user = applicant_with_profile(area="510107")
    profile = user.applicant_profile
    QuotaFactory(agency=wuhou, year=2025, approved_total=3)
    past = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name=profile.full_name,
            id_number=profile.id_number,
            category="service",
            hired_on=date(2025, 3, 1),
        ),
    )
    items.item_issue(actor=county_officer, officer=past, item="uniform", issued_on=date(2025, 3, 2))
    leaving = separation.separation_open(
        actor=county_officer, officer=past, kind="resignation", leaves_on=date(2025, 9, 1), reason="个人原因"
    )
    items.item_close(actor=county_officer, item=past.items.get(), status="returned", on=date(2025, 9, 1))
    separation.separation_complete(actor=county_officer, separation=leaving)
    plan = approved_plan(wuhou, county_officer, service=1)
    announcement = announcement_for(
        plan,
        county_officer,
        simplify=("exam", "physical_test", "medical_exam", "vetting", "publicity"),
        simplification_basis="成都市人社局同意",
    )
    application = review.review_decide(
        actor=county_officer, application=apply(user, announcement.positions.get()), decision="pass"
    )
    assert application.stage == "hire"
    hiring.hire(
        actor=county_officer,
        application=application,
        hired_on=date(2026, 12, 1),
        contract_ends_on=date(2029, 11, 30),
        probation_ends_on=date(2027, 2, 28),
        stated_items=(
            "rights_duties",
            "job_requirements",
            "working_conditions",
            "probation",
            "term",
            "pay",
            "termination_grounds",
            "breach_liability",
        ),
    )
    past.refresh_from_db()
    assert (past.status, past.hired_on, past.separated_on) == (
        OfficerStatus.PROBATION,
        date(2026, 12, 1),
        None,
    )
    assert past.separations.count() == 1 and past.contracts.count() == 1
    assert Quota.objects.get(pk=plan.quota_id).in_post_service == 1
