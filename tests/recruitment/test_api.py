import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headcount.models import Quota
from tests.factories import AgencyFactory, QuotaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def xihu(hangzhou):
    return AgencyFactory(code="330106", name="西湖区分局", level="county", parent=hangzhou)


def test_api_quota_request_then_steps_recorded_until_approved(api, xihu):
    officer = UserFactory(username="a", role="officer", agency=xihu)
    colleague = UserFactory(username="b", role="officer", agency=xihu)
    api.force_authenticate(officer)
    created = api.post(
        "/api/v1/quota-requests/",
        {"agency": xihu.pk, "year": 2026, "total": 25, "reason": "x"},
        format="json",
    )
    assert created.status_code == 201
    steps = [s for s in created.json()["steps"] if s["status"] == "pending"]
    api.force_authenticate(colleague)
    for step in sorted(steps, key=lambda s: s["sequence"]):
        answer = api.post(
            f"/api/v1/approval-steps/{step['id']}/decide/",
            {
                "decision": "approve",
                "approving_body": "西湖区人民政府",
                "document_number": "西政〔2026〕2号",
                "document_date": "2026-03-03",
            },
            format="json",
        )
        assert answer.status_code == 200, answer.json()
    assert Quota.objects.get(agency=xihu).approved_total == 25


def test_api_out_of_order_step_is_a_400_naming_the_first_step(api, xihu):
    officer = UserFactory(username="a", role="officer", agency=xihu)
    colleague = UserFactory(username="b", role="officer", agency=xihu)
    api.force_authenticate(officer)
    steps = api.post(
        "/api/v1/quota-requests/",
        {"agency": xihu.pk, "year": 2026, "total": 25, "reason": "x"},
        format="json",
    ).json()["steps"]
    api.force_authenticate(colleague)
    last = max(steps, key=lambda s: s["sequence"])
    response = api.post(
        f"/api/v1/approval-steps/{last['id']}/decide/",
        {"decision": "approve", "approving_body": "x", "document_number": "y", "document_date": "2026-03-03"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "approval_out_of_order"


def test_api_requester_approving_own_request_is_403(api, xihu):
    officer = UserFactory(username="a", role="officer", agency=xihu)
    api.force_authenticate(officer)
    steps = api.post(
        "/api/v1/quota-requests/",
        {"agency": xihu.pk, "year": 2026, "total": 25, "reason": "x"},
        format="json",
    ).json()["steps"]
    pending = [s for s in steps if s["status"] == "pending"][0]
    response = api.post(
        f"/api/v1/approval-steps/{pending['id']}/decide/",
        {"decision": "approve", "approving_body": "x", "document_number": "y", "document_date": "2026-03-03"},
        format="json",
    )
    assert response.status_code == 403


def test_api_quota_list_is_scoped_and_keeps_a_fixed_query_count(
    api, county_officer, city_officer, wuhou, jinjiang
):
    QuotaFactory(agency=wuhou)
    QuotaFactory(agency=jinjiang)
    api.force_authenticate(county_officer)
    assert [q["agency_id"] for q in api.get("/api/v1/quotas/").json()["results"]] == [wuhou.pk]
    api.force_authenticate(city_officer)
    api.get("/api/v1/quotas/")
    with CaptureQueriesContext(connection) as queries:
        assert len(api.get("/api/v1/quotas/").json()["results"]) == 2
    assert len(queries) <= 3


def test_api_plan_submit_refused_for_a_station_with_citation(api, wuhou):
    station = AgencyFactory(code="S1", name="派出所", level="station", parent=wuhou)
    officer = UserFactory(username="s", role="officer", agency=station)
    QuotaFactory(agency=station)
    api.force_authenticate(officer)
    response = api.post(
        "/api/v1/plans/submit/",
        {"agency": station.pk, "year": 2026, "title": "x", "civilian_places": 0, "service_places": 1},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["citations"][0]["label_zh"] == "四川省办法 第十七条第二款"


def test_api_headcount(api, city_officer, chengdu, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10, in_post_service=3)
    api.force_authenticate(city_officer)
    rows = api.get("/api/v1/headcount/", {"year": 2026}).json()
    assert {(r["agency_name"], r["vacant"]) for r in rows} >= {("武侯区分局", 7)}


def test_applicant_cannot_reach_quota_api(api, applicant):
    api.force_authenticate(applicant)
    assert api.get("/api/v1/quotas/").status_code == 403


def test_api_redistribution_by_the_city_supervisor(api, chengdu_supervisor, wuhou, jinjiang):
    rich = QuotaFactory(agency=wuhou, approved_total=10)
    poor = QuotaFactory(agency=jinjiang, approved_total=5)
    api.force_authenticate(chengdu_supervisor)
    response = api.post(
        "/api/v1/quotas/redistribute/",
        {"source": rich.pk, "target": poor.pk, "places": 2, "reason": "统筹"},
        format="json",
    )
    assert response.status_code == 200
    assert [q["approved_total"] for q in response.json()] == [8, 7]


def test_api_withdraw_request(api, hangzhou):
    xihu = AgencyFactory(code="330106", level="county", parent=hangzhou)
    officer = UserFactory(username="a", role="officer", agency=xihu)
    api.force_authenticate(officer)
    created = api.post(
        "/api/v1/quota-requests/", {"agency": xihu.pk, "year": 2026, "total": 5, "reason": "x"}, format="json"
    ).json()
    response = api.post(f"/api/v1/quota-requests/{created['id']}/withdraw/")
    assert response.json()["status"] == "withdrawn"


def test_the_officer_api_shows_only_masked_id_numbers(api, wuhou, county_officer):
    from recruitment.models import ApplicantProfile
    from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

    announcement = announcement_for(approved_plan(wuhou, county_officer, service=1), county_officer)
    applicant = applicant_with_profile()
    apply(applicant, announcement.positions.get())
    full = ApplicantProfile.objects.get(user=applicant).id_number
    api.force_authenticate(county_officer)
    response = api.get(f"/api/v1/announcements/{announcement.pk}/applications/")
    body = response.content.decode()
    assert response.status_code == 200 and full not in body
    assert response.json()["results"][0]["id_number_masked"] == full[:3] + "*" * 11 + full[-4:]
