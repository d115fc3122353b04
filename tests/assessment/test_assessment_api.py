"""The annual assessment through the API: score, review, publish and appeal one result; review and publish a
cycle in bulk, confirmed by count — over the page's forms and services, refusals structured."""

import pytest

from assessment.models import Assessment, AssessmentStatus
from assessment.services import assessments
from tests.assessment.builders import graded_agency, people, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _second = staff_of(agency)
    people(agency, officer, 3)
    with django_capture_on_commit_callbacks(execute=True):
        cycle = assessments.cycle_open(actor=officer, agency=agency, year=2025)
    return officer, reviewer, cycle


def scores(cycle, value=88) -> dict:
    return {f"score_{d['code']}": value for d in cycle.scheme["dimensions"]}


def test_one_result_is_scored_reviewed_and_published_through_the_api(api, setup):
    officer, reviewer, cycle = setup
    assessment = Assessment.objects.filter(cycle=cycle).first()
    api.force_authenticate(officer)
    bad = api.post(
        f"/api/v1/assessments/{assessment.pk}/score/",
        scores(cycle, 120) | {"grade": "称职", "assessor_name": "王警官"},
        format="json",
    )
    assert bad.status_code == 400 and any(f.startswith("score_") for f in bad.json()["error"]["fields"])
    scored = api.post(
        f"/api/v1/assessments/{assessment.pk}/score/",
        scores(cycle) | {"grade": "称职", "assessor_name": "王警官", "comment": "工作认真"},
        format="json",
    )
    assert scored.status_code == 200 and scored.json()["status"] == AssessmentStatus.SCORED
    assert api.post(f"/api/v1/assessments/{assessment.pk}/review/").status_code == 403  # not the scorer
    api.force_authenticate(reviewer)
    assert (
        api.post(f"/api/v1/assessments/{assessment.pk}/review/").json()["status"] == AssessmentStatus.REVIEWED
    )
    published = api.post(f"/api/v1/assessments/{assessment.pk}/publish/")
    assert published.status_code == 200 and published.json()["published_on"]


def test_a_cycle_is_reviewed_and_published_in_bulk_confirmed_by_count(api, setup):
    officer, reviewer, cycle = setup
    api.force_authenticate(officer)
    for assessment in Assessment.objects.filter(cycle=cycle):
        api.post(
            f"/api/v1/assessments/{assessment.pk}/score/",
            scores(cycle) | {"grade": "称职", "assessor_name": "王警官"},
            format="json",
        )
    api.force_authenticate(reviewer)
    wrong = api.post(
        f"/api/v1/assessment-cycles/{cycle.pk}/review/", {"expected": 2, "confirm": True}, format="json"
    )
    assert wrong.status_code in (400, 409)
    assert not Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.REVIEWED).exists()
    reviewed = api.post(
        f"/api/v1/assessment-cycles/{cycle.pk}/review/", {"expected": 3, "confirm": True}, format="json"
    )
    assert reviewed.status_code == 200 and reviewed.json()["result"]["reviewed"] == 3
    published = api.post(
        f"/api/v1/assessment-cycles/{cycle.pk}/publish/", {"expected": 3, "confirm": True}, format="json"
    )
    assert published.json()["result"] == {"count": 3}
    assert api.get(f"/api/v1/assessment-cycles/{cycle.pk}/").json()["year"] == 2025


def test_a_year_is_opened_closed_and_its_proposals_decided_through_the_api(
    api, sysadmin, django_capture_on_commit_callbacks
):
    from datetime import date

    from assessment.models import Consequence, ConsequenceStatus
    from tests.assessment.test_assessment import score_all

    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _second = staff_of(agency)
    first, second = people(agency, officer, 2)
    api.force_authenticate(officer)
    with django_capture_on_commit_callbacks(execute=True):
        opened = api.post("/api/v1/assessment-cycles/", {"agency": agency.code, "year": 2025}, format="json")
    assert opened.status_code == 202
    cycle_id = opened.json()["id"]
    assert Assessment.objects.filter(cycle_id=cycle_id).count() == 2
    cycle = type(Assessment.objects.first().cycle).objects.get(pk=cycle_id)
    score_all(cycle, officer, reviewer, ["优秀", "优秀"])
    api.force_authenticate(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        closing = api.post(f"/api/v1/assessment-cycles/{cycle_id}/close/")
    assert closing.status_code == 202
    keep = Consequence.objects.get(officer=first, kind="promotion")
    drop = Consequence.objects.get(officer=second, kind="promotion")
    rejected = api.post(
        f"/api/v1/assessment-cycles/{cycle_id}/consequences/reject/", {"ids": [drop.pk]}, format="json"
    )
    assert rejected.json()["result"] == {"count": 1}
    confirmed = api.post(
        f"/api/v1/assessment-cycles/{cycle_id}/consequences/confirm/",
        {"ids": [keep.pk], "effective_on": "2026-01-01"},
        format="json",
    )
    assert confirmed.status_code == 200, confirmed.json()
    assert Consequence.objects.get(pk=drop.pk).status == ConsequenceStatus.REJECTED
    first.refresh_from_db()
    assert first.tier == "二级辅警" and first.tier_since == date(2026, 1, 1)


def test_a_tier_is_set_with_its_basis_through_the_api(api, setup):
    officer, reviewer, cycle = setup
    person = Assessment.objects.filter(cycle=cycle).first().officer
    api.force_authenticate(officer)
    body = {"mode": "initial", "to_tier": "二级辅警", "basis": "定级决定〔2026〕3号"}
    body["effective_on"] = "2026-06-01"
    assert api.post(f"/api/v1/personnel/{person.pk}/tier/", body, format="json").status_code == 403
    api.force_authenticate(reviewer)
    refused = api.post(f"/api/v1/personnel/{person.pk}/tier/", body, format="json")
    assert refused.status_code == 400 and "mode" in refused.json()["error"]["fields"]  # graded already
    type(person).objects.filter(pk=person.pk).update(tier="")
    done = api.post(f"/api/v1/personnel/{person.pk}/tier/", body, format="json")
    assert done.status_code == 200 and done.json()["to_tier"] == "二级辅警"
