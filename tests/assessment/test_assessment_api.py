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
