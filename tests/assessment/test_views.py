"""The assessment pages as officers use them: scoring, review, appeals, confirming, reports; and their query
counts."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from assessment.models import Assessment, AssessmentStatus, Consequence
from assessment.services import assessments, batch
from personnel.models import AuxiliaryOfficer
from tests.assessment.builders import graded_agency, people, staff_of
from tests.conftest import client_for


@pytest.fixture
def setup(db, sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, second = staff_of(agency)
    made = people(agency, officer, 3)
    with django_capture_on_commit_callbacks(execute=True):
        cycle = assessments.cycle_open(actor=officer, agency=agency, year=2025)
    return agency, officer, reviewer, second, made, cycle


def test_an_officer_scores_and_a_supervisor_reviews_and_publishes_through_the_pages(client, setup):
    agency, officer, reviewer, _second, _people, cycle = setup
    assessment = Assessment.objects.filter(cycle=cycle).first()
    client_for(client, officer)
    page = client.get(f"/assessment/{assessment.pk}/")
    assert (
        page.status_code == 200
        and "履职情况" in page.content.decode()
        and "四川省办法 第二十五条" in page.content.decode()
    )
    codes = [d["code"] for d in cycle.scheme["dimensions"]]
    bad = client.post(
        f"/assessment/{assessment.pk}/score/",
        {f"score_{c}": 120 for c in codes} | {"grade": "称职", "assessor_name": "王警官"},
    )
    assert bad.status_code == 400
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PENDING
    good = client.post(
        f"/assessment/{assessment.pk}/score/",
        {f"score_{c}": 88 for c in codes}
        | {"grade": "称职", "assessor_name": "王警官", "comment": "工作认真"},
    )
    assert good.status_code == 302
    assert client.post(f"/assessment/{assessment.pk}/review/").status_code in (302, 403)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SCORED  # an officer cannot review

    client_for(client, reviewer)
    client.post(f"/assessment/{assessment.pk}/review/")
    response = client.post(f"/assessment/{assessment.pk}/publish/")
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED and assessment.grade == "称职"


def test_closing_with_unpublished_results_says_how_many_and_changes_nothing(client, setup):
    _agency, _officer, reviewer, _second, _people, cycle = setup
    client_for(client, reviewer)
    response = client.post(f"/assessment/cycles/{cycle.pk}/close/", follow=True)
    assert "未评分 3" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == "open"


def _publish_all(cycle, officer, reviewer, grades):
    for assessment, grade in zip(Assessment.objects.filter(cycle=cycle).order_by("pk"), grades, strict=True):
        assessments.assessment_score(
            actor=officer,
            assessment=assessment,
            grade=grade,
            assessor_name="王警官",
            scores={d["code"]: 80 for d in cycle.scheme["dimensions"]},
        )
        assessments.assessment_review(actor=reviewer, assessment=assessment)
    batch.publish_reviewed(actor=reviewer, cycle=cycle)


def test_a_supervisor_confirms_all_promotions_in_bulk_and_tiers_change(
    client, setup, django_capture_on_commit_callbacks
):
    _agency, officer, reviewer, _second, made, cycle = setup
    _publish_all(cycle, officer, reviewer, ["优秀", "优秀", "称职"])
    client_for(client, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/assessment/cycles/{cycle.pk}/close/")
    page = client.get(f"/assessment/cycles/{cycle.pk}/consequences/?kind=promotion")
    assert page.status_code == 200 and "三级辅警 → 二级辅警" in page.content.decode()
    response = client.post(
        f"/assessment/cycles/{cycle.pk}/consequences/confirm/",
        {"effective_on": "2026-01-01", "kind": "promotion", "all": "1"},
    )
    assert response.status_code == 302
    tiers_now = dict(AuxiliaryOfficer.objects.filter(pk__in=[p.pk for p in made]).values_list("pk", "tier"))
    assert sorted(tiers_now.values()) == ["三级辅警", "二级辅警", "二级辅警"]
    assert Consequence.objects.filter(kind="promotion", status="confirmed").count() == 2
    assert Consequence.objects.filter(kind="pay", status="proposed").count() == 3  # other kinds untouched


def test_the_report_shows_and_exports_the_distribution(client, setup, django_capture_on_commit_callbacks):
    agency, officer, reviewer, _second, _made, cycle = setup
    _publish_all(cycle, officer, reviewer, ["优秀", "称职", "称职"])
    client_for(client, reviewer)
    page = client.get(f"/assessment/cycles/{cycle.pk}/report/")
    assert page.status_code == 200
    export = client.get(f"/assessment/cycles/{cycle.pk}/report/?format=xlsx")
    book = load_workbook(BytesIO(export.content))
    grades = list(book.worksheets[0].iter_rows(values_only=True))
    assert grades[0][:5] == ("机构", "优秀", "称职", "基本称职", "不称职")
    assert grades[1][:3] == (agency.name, 1, 2)
    assert book.worksheets[0]._charts  # the chart travels with the numbers


def test_an_appeal_is_recorded_and_decided_through_the_pages(client, setup):
    _agency, officer, reviewer, second, _made, cycle = setup
    _publish_all(cycle, officer, reviewer, ["基本称职", "称职", "称职"])
    assessment = Assessment.objects.filter(cycle=cycle).order_by("pk").first()
    client_for(client, officer)
    client.post(
        f"/assessment/{assessment.pk}/appeal/", {"filed_on": date.today().isoformat(), "reasons": "不服"}
    )
    client_for(client, second)
    response = client.post(
        f"/assessment/{assessment.pk}/decide/", {"upheld": "1", "new_grade": "称职", "reasons": "复核后变更"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.grade == "称职" and assessment.appeal.status == "upheld"


def test_tier_page_offers_initial_grading_and_states_tiers_carry_no_command(client, db, sysadmin):
    agency = graded_agency("p001", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    [person] = people(agency, officer, 1, tier="")
    client_for(client, reviewer)
    page = client.get(f"/personnel/{person.pk}/tier/").content.decode()
    assert "（001省）条例 第二十六条" in page and "不具有领导、指挥或者隶属关系" in page
    client.post(
        f"/personnel/{person.pk}/tier/",
        {
            "mode": "initial",
            "to_tier": "四级辅警",
            "basis": "定级通知",
            "effective_on": date.today().isoformat(),
        },
    )
    person.refresh_from_db()
    assert person.tier == "四级辅警"


@pytest.mark.parametrize("rows", [3, 30])
def test_cycle_and_consequence_pages_use_a_fixed_number_of_queries(
    client, db, sysadmin, rows, django_capture_on_commit_callbacks
):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, rows)
    with django_capture_on_commit_callbacks(execute=True):
        cycle = assessments.cycle_open(actor=officer, agency=agency, year=2025)
    _publish_all(cycle, officer, reviewer, ["优秀"] * rows)
    with django_capture_on_commit_callbacks(execute=True):
        batch.cycle_close(actor=reviewer, cycle=cycle)
    client_for(client, reviewer)
    counts = {}
    for url in (
        f"/assessment/cycles/{cycle.pk}/",
        f"/assessment/cycles/{cycle.pk}/consequences/",
        f"/assessment/cycles/{cycle.pk}/report/",
    ):
        client.get(url)  # warm the session and settings caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    assert max(counts.values()) <= 11, counts  # the cycle page: list, progress and bulk counts


def test_scores_by_workbook_all_or_nothing_then_recorded(client, setup, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    _agency, officer, _reviewer, _second, _made, cycle = setup
    client_for(client, officer)
    rows = list(
        load_workbook(BytesIO(client.get(f"/assessment/cycles/{cycle.pk}/scores/").content)).active.iter_rows(
            values_only=True
        )
    )
    header, people = rows[0], rows[1:]
    assert (
        header[:4] == ("考核编号", "姓名", "身份证号", "单位") and "履职情况" in header and len(people) == 3
    )

    def upload(grades, score=85):
        book = Workbook()
        book.active.append(header)
        for row, grade in zip(people, grades, strict=True):
            book.active.append([row[0], row[1], row[2], row[3], *[score] * 4, grade, "王警官", None])
        out = BytesIO()
        book.save(out)
        with django_capture_on_commit_callbacks(execute=True):  # the import runs in Celery (eagerly here)
            started = client.post(
                f"/assessment/cycles/{cycle.pk}/scores/",
                {"workbook": SimpleUploadedFile("scores.xlsx", out.getvalue())},
            )
        assert started.status_code == 302 and started.url.startswith("/imports/")
        return client.get(started.url)

    refused = upload(["称职", "良好", "称职"])
    assert refused.status_code == 400 and "良好" not in [a.grade for a in Assessment.objects.all()]
    assert "3" in refused.content.decode() and "考核等次" in refused.content.decode()
    assert not Assessment.objects.filter(status="scored").exists()  # nothing recorded
    assert upload(["称职", "优秀", "称职"]).status_code == 200
    assert sorted(Assessment.objects.values_list("grade", flat=True)) == ["优秀", "称职", "称职"]
    assert Assessment.objects.filter(status="scored", assessor_name="王警官").count() == 3


def test_bulk_publishing_asks_for_the_count_seen_and_refuses_when_it_changed(client, setup):
    _agency, officer, reviewer, _second, _made, cycle = setup
    for assessment in Assessment.objects.filter(cycle=cycle)[:2]:
        assessments.assessment_score(
            actor=officer,
            assessment=assessment,
            scores={d["code"]: 80 for d in cycle.scheme["dimensions"]},
            grade="称职",
            assessor_name="李警官",
        )
        assessments.assessment_review(actor=reviewer, assessment=assessment)
    client_for(client, reviewer)
    page = client.get(f"/assessment/cycles/{cycle.pk}/").content.decode()
    assert "发布2条结果" in page
    unconfirmed = client.post(f"/assessment/cycles/{cycle.pk}/publish/", {"expected": "2"})
    assert unconfirmed.status_code == 400 and "confirm" in unconfirmed.context["publish_form"].errors
    stale = client.post(f"/assessment/cycles/{cycle.pk}/publish/", {"expected": "1", "confirm": "on"})
    assert stale.status_code == 400 and "现有2条" in stale.content.decode()
    assert not Assessment.objects.filter(status="published").exists()
    done = client.post(f"/assessment/cycles/{cycle.pk}/publish/", {"expected": "2", "confirm": "on"})
    assert done.status_code == 302 and Assessment.objects.filter(status="published").count() == 2


def test_a_grade_outside_the_agencys_band_for_it_is_refused(
    setup, sysadmin, django_capture_on_commit_callbacks
):
    from auxpolice.core.errors import DomainError
    from auxpolice.rules import services as rule_services

    agency, officer, _reviewer, _second, made, _cycle = setup
    rule_services.agency_setting_set(
        actor=sysadmin,
        agency=agency,
        key="assessment_grade_bands",
        value="优秀:90-100,称职:70-89,基本称职:60-69,不称职:0-59",
        basis="局考核办法",
    )
    with django_capture_on_commit_callbacks(execute=True):
        cycle = assessments.cycle_open(actor=officer, agency=agency, year=2024)
    assessment = Assessment.objects.filter(cycle=cycle).first()
    with pytest.raises(DomainError) as refused:
        assessments.assessment_score(
            actor=officer,
            assessment=assessment,
            scores={d["code"]: 10 for d in cycle.scheme["dimensions"]},
            grade="优秀",
            assessor_name="李警官",
        )
    assert refused.value.field == "grade" and "90" in str(refused.value.message)
    assessment.refresh_from_db()
    assert assessment.status == "pending"
