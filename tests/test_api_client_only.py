"""A bureau's HR system connected through the API alone (#23): with API tokens and nothing but HTTP it drafts
and publishes an announcement, runs every recruitment stage, hires, records the person's details, assesses
the year and pays the month — each step the same service and checks as the page. Only what is not the back
office's to do is done otherwise: the agency tree and accounts (the administrators' pages), the calendar,
and the applicant's own steps (profile and consent on the portal)."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from assessment.models import Assessment
from auxpolice.core import api_tokens
from personnel.models import AuxiliaryOfficer, LaborContract
from recruitment.models import Application, Position
from recruitment.services import portal
from tests.assessment.builders import GRADES, TIERS
from tests.compensation.test_compensation import INCOME, SCHEME
from tests.factories import UserFactory
from tests.recruitment.builders import applicant_with_profile, approved_plan, declaration_for

pytestmark = pytest.mark.django_db


class Client:
    """An HTTP client holding one API token: every call answers JSON, and a refusal fails the test with the
    API's error body."""

    def __init__(self, user):
        self.user = user
        _token, secret = api_tokens.token_issue(user=user, name="hr-system", scope="write")
        self.http = APIClient()
        self.http.credentials(HTTP_AUTHORIZATION=f"Token {secret}")

    def get(self, url: str) -> dict:
        response = self.http.get(f"/api/v1/{url}")
        assert response.status_code == 200, (url, response.content)
        return response.json()

    def post(self, url: str, body=None, status: int = 200, **kwargs) -> dict:
        response = self.http.post(f"/api/v1/{url}", body or {}, format=kwargs.pop("format", "json"), **kwargs)
        assert response.status_code == status, (url, response.status_code, response.content)
        return response.json() if response.content else {}


@pytest.fixture
def bureau(wuhou, county_officer, sysadmin):
    call_command("calendar_seed", stdout=io.StringIO())
    return {
        "agency": wuhou,
        "hr": Client(county_officer),
        "supervisor": Client(UserFactory(username="wh_sup", role="supervisor", agency=wuhou)),
        "admin": Client(sysadmin),
    }


@pytest.mark.today("2026-11-16")
def test_a_bureau_recruits_hires_assesses_and_pays_through_the_api_alone(
    bureau, clock, django_capture_on_commit_callbacks
):
    agency, hr, supervisor, admin = bureau["agency"], bureau["hr"], bureau["supervisor"], bureau["admin"]
    settings = {
        "publicity_working_days": "5",
        "tiers": ",".join(TIERS),
        "assessment_grades": ",".join(GRADES),
        "promotion_grades": "优秀",
        "demotion_grades": "不称职",
        "non_renewal_grades": "不称职",
    }
    for key, value in settings.items():
        admin.post(
            f"agencies/{agency.pk}/settings/", {"key": key, "value": value, "basis": "武公〔2026〕1号"}
        )

    # The announcement: drafted, a refusal kept to its field, submitted and approved by another person.
    plan = approved_plan(agency, hr.user, service=1)  # quotas and plans have their API tests of their own
    opens = "2026-11-16T10:00:00+08:00"
    draft = {
        "title": "武侯区分局2026年辅警招聘公告",
        "body": "招聘勤务辅警一名。",
        "registration_opens": opens,
        "registration_closes": "2026-11-18T17:00:00+08:00",
        "positions": [{"code": "01", "title": "勤务辅警", "category": "service", "places": 0}],
    }
    refused = hr.post(f"plans/{plan.pk}/announcements/", draft, status=400)
    assert "positions[0].places" in refused["error"]["fields"]
    draft["positions"][0]["places"] = 1
    announcement = hr.post(f"plans/{plan.pk}/announcements/", draft, status=201)
    assert announcement["status"] == "draft" and announcement["stages"][0] == "qualification_review"
    hr.post(f"announcements/{announcement['id']}/submit/")
    assert supervisor.post(f"announcements/{announcement['id']}/approve/")["status"] == "published"

    # The applicant applies on the portal.
    clock.shift(timedelta(hours=2))
    applicant = applicant_with_profile(email="a@example.cn")
    position = announcement["positions"][0]
    declaration = declaration_for(Position.objects.get(pk=position["id"]))
    web = APIClient()
    web.force_authenticate(applicant)
    applied = web.post(
        "/api/v1/portal/applications/",
        {"position": position["id"], "declaration": declaration},
        format="json",
    )
    assert applied.status_code == 201, applied.content
    application_id = applied.json()["id"]

    # Review, the exam scored (a wrong score named, nothing saved), ranked after registration closed.
    hr.post(f"applications/{application_id}/review/", {"decision": "pass"})
    wrong = hr.post(
        f"announcements/{announcement['id']}/scores/exam/",
        {"scores": {str(application_id): "181"}},
        status=400,
    )
    assert f"scores.{application_id}" in wrong["error"]["fields"]
    assert hr.post(
        f"announcements/{announcement['id']}/scores/exam/", {"scores": {str(application_id): "81.5"}}
    ) == {"count": 1}
    clock.shift(timedelta(days=3))
    ranked = hr.post(f"announcements/{announcement['id']}/scores/exam/rank/", {"position": "01"})
    assert ranked["advanced"] == 1

    # Physical test, medical exam and vetting (the applicant consents to the last two on the portal).
    case = Application.objects.get(pk=application_id)
    for purpose in ("medical_exam", "vetting"):
        portal.consent_give(user=applicant, application=case, purpose=purpose, version="2026-1")
    for stage in ("physical_test", "medical_exam", "vetting"):
        assert hr.get(f"applications/{application_id}/")["stage"] == stage
        hr.post(f"applications/{application_id}/result/", {"outcome": "pass", "detail": "合格"})
    seen = hr.get(f"applications/{application_id}/")
    assert seen["stage"] == "publicity" and all("detail" not in r for r in seen["results"])

    # Publicity, then the hire once it has ended; the contract is made with it.
    clock.shift(timedelta(days=4))  # Monday 2026-11-23
    hr.post(f"announcements/{announcement['id']}/publicity/", {"starts_on": "2026-11-23"})
    clock.shift(timedelta(days=8))  # 2026-12-01
    hire = {
        "hired_on": "2026-12-01",
        "contract_ends_on": "2029-11-30",
        "probation_ends_on": "2027-02-28",
        "stated_items": seen["contract_items"],  # what the jurisdiction's rules say a contract must state
    }
    hired = hr.post(f"applications/{application_id}/hire/", hire)
    assert hired["status"] == "hired" and hired["officer_id"]
    person_id = hired["officer_id"]
    person = hr.get(f"personnel/{person_id}/")
    assert person["contracts"][0]["probation_ends_on"] == "2027-02-28"
    assert "*" in person["id_number_masked"]
    due = hr.get("deadlines/?days=90")
    assert [(d["kind"], d["due_on"], d["person_id"]) for d in due] == [
        ("probation_end", "2027-02-28", person_id)
    ]
    assert hr.http.get("/api/v1/deadlines/?days=0").status_code == 400

    # The person's details, tier and bank account.
    hr.post(
        f"personnel/{person_id}/details/",
        {"post": "巡逻防控", "badge_number": "WH0001", "phone": "13800000001", "education": "junior_college"},
    )
    supervisor.post(
        f"personnel/{person_id}/tier/",
        {"to_tier": "四级辅警", "mode": "initial", "basis": "入职定级", "effective_on": "2026-12-01"},
        status=200,
    )
    hr.post(
        f"personnel/{person_id}/bank-account/",
        {"bank_name": "成都银行", "account_number": "6222000011112222"},
    )

    # The year's assessment: opened (202, polled), scored, reviewed by another, published.
    with django_capture_on_commit_callbacks(execute=True):
        cycle = hr.post("assessment-cycles/", {"agency": agency.code, "year": 2026}, status=202)
    assert hr.get(f"assessment-cycles/{cycle['id']}/")["status"] == "open"
    assessment = Assessment.objects.get(cycle_id=cycle["id"], officer_id=person_id)
    dimensions = {f"score_{d['code']}": 88 for d in assessment.cycle.scheme["dimensions"]}
    hr.post(f"assessments/{assessment.pk}/score/", dimensions | {"grade": "称职", "assessor_name": "张警官"})
    supervisor.post(f"assessments/{assessment.pk}/review/")
    assert supervisor.post(f"assessments/{assessment.pk}/publish/")["published_on"]

    # Pay: the statistic the floor is measured against, the scale (approved by another), the insurance
    # scheme; December computed (202, polled) and approved with the totals the approver saw.
    hr.post(
        "pay-records/statistic/",
        {"agency": agency.code, "kind": INCOME, "year": 2025, "amount": "30000", "source": "统计公报"},
        status=201,
    )
    scale = hr.post(
        f"agencies/{agency.pk}/pay-scales/",
        {
            "effective_from": "2026-01-01",
            "base_monthly": "3000",
            "tier_pay": {tier: str(800 + 200 * n) for n, tier in enumerate(TIERS)},
            "performance": {"称职": "500", "优秀": "900"},
            "posts": [{"post": "巡逻防控", "amount": "300", "hazardous": True}],
        },
        status=201,
    )
    assert (
        supervisor.post(f"pay-scales/{scale['id']}/approve/", {"approval_reference": "政府批复〔2026〕12号"})[
            "status"
        ]
        == "approved"
    )
    hr.post(
        "pay-records/scheme/",
        {"agency": agency.code, "effective_from": "2026-01-01", "basis": "川人社〔2026〕1号", **SCHEME},
        status=201,
    )
    with django_capture_on_commit_callbacks(execute=True):
        started = hr.post("payroll-runs/", {"agency": agency.code, "month": "2026-12"}, status=202)
    run = hr.get(started["job"].removeprefix("/api/v1/"))
    assert run["status"] == "computed" and run["totals"]["people"] == 1
    [line] = hr.get(f"payroll-runs/{run['id']}/lines/")["results"]
    assert line["full_name"] == person["full_name"] and Decimal(line["gross"]) > 0
    approved = supervisor.post(
        f"payroll-runs/{run['id']}/approve/",
        {"expected_people": 1, "expected_net": run["totals"]["net"], "confirm": True},
    )
    assert approved["status"] == "approved"

    # Everything was written by the services, each history row naming the token that wrote it.
    officer = AuxiliaryOfficer.objects.get(pk=person_id)
    assert officer.post == "巡逻防控" and officer.tier == "四级辅警"
    assert LaborContract.objects.filter(officer=officer).count() == 1
    assert officer.history.exclude(history_api_token_id=None).exists()
