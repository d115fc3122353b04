"""The back office's recruitment through the API (#23): exams and seats, absences, workbooks of scores (202
and a job to poll), batch decisions and messages, recusal — the page's services, the page's refusals."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from recruitment.models import ApplicantNotice, Application, StaffRelation, StageResult
from recruitment.services import review
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan
from tests.workbooks import workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(wuhou, county_officer):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    applications = [apply(applicant_with_profile(), announcement.positions.get()) for _ in range(3)]
    return announcement, applications


def test_exam_rooms_sessions_seats_and_absences_through_the_api(api, county_officer, announced):
    announcement, applications = announced
    for application in applications:
        review.review_decide(actor=county_officer, application=application, decision="pass")
    api.force_authenticate(county_officer)
    room = {"site": "成都七中", "address": "林荫街1号", "code": "001", "capacity": 2}
    made = api.post(f"/api/v1/announcements/{announcement.pk}/exam-rooms/", room, format="json")
    assert made.status_code == 201
    session = api.post(
        f"/api/v1/announcements/{announcement.pk}/exam-sessions/",
        {
            "stage": "exam",
            "name": "笔试",
            "starts_at": "2030-05-01T09:00:00+08:00",
            "ends_at": "2030-05-01T11:00",
        },
        format="json",
    ).json()
    too_few = api.post(f"/api/v1/exam-sessions/{session['id']}/seats/", {}, format="json")
    assert too_few.status_code == 400 and too_few.json()["error"]["code"] == "too_few_seats"
    api.post(f"/api/v1/announcements/{announcement.pk}/exam-rooms/", room | {"code": "002"}, format="json")
    seated = api.post(f"/api/v1/exam-sessions/{session['id']}/seats/", {"seed": "abc"}, format="json")
    assert seated.json() == {"count": 3}
    first_room = made.json()["id"]
    in_room = list(Application.objects.filter(seats__room_id=first_room).values_list("pk", flat=True))
    stranger = next(a.pk for a in applications if a.pk not in in_room)
    refused = api.post(
        f"/api/v1/exam-sessions/{session['id']}/rooms/{first_room}/absent/",
        {"absent": [stranger]},
        format="json",
    )
    assert refused.status_code == 400 and not StageResult.objects.exists()
    absent = api.post(
        f"/api/v1/exam-sessions/{session['id']}/rooms/{first_room}/absent/",
        {"absent": in_room[:1]},
        format="json",
    )
    assert absent.json() == {"count": 1}
    assert StageResult.objects.get().application_id == in_room[0]


def test_a_workbook_of_scores_is_accepted_then_polled_to_its_row_errors(
    api, county_officer, announced, django_capture_on_commit_callbacks
):
    announcement, applications = announced
    for application in applications:
        review.review_decide(actor=county_officer, application=application, decision="pass")
    tickets = list(Application.objects.order_by("pk").values_list("ticket_number", flat=True))
    header = ["准考证号", "姓名", "岗位", "成绩"]
    rows = [header, [tickets[0], "", "01", "88"], [tickets[1], "", "01", "188"], [tickets[2], "", "01", ""]]
    upload = SimpleUploadedFile("scores.xlsx", workbook_bytes(rows))
    api.force_authenticate(county_officer)
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(
            f"/api/v1/announcements/{announcement.pk}/scores/exam/import/",
            {"workbook": upload},
            format="multipart",
        )
    assert started.status_code == 202 and started["Location"] == started.json()["job"]
    job = api.get(started.json()["job"]).json()
    assert job["status"] == "failed" and [e["row"] for e in job["errors"]] == [3]
    assert not StageResult.objects.exists()  # all rows or none
    rows[2][3] = "90"
    with django_capture_on_commit_callbacks(execute=True):
        again = api.post(
            f"/api/v1/announcements/{announcement.pk}/scores/exam/import/",
            {"workbook": SimpleUploadedFile("scores.xlsx", workbook_bytes(rows))},
            format="multipart",
        )
    assert api.get(again.json()["job"]).json()["status"] == "done"
    # The third row's blank cell is "not entered yet", not an absence (缺考 is written as such).
    assert dict(StageResult.objects.values_list("application_id", "score")) == {
        applications[0].pk: 88,
        applications[1].pk: 90,
    }
    wrong_kind = api.post(
        f"/api/v1/announcements/{announcement.pk}/scores/exam/import/",
        {"workbook": SimpleUploadedFile("scores.txt", b"hello")},
        format="multipart",
    )
    assert wrong_kind.status_code == 400 and "workbook" in wrong_kind.json()["error"]["fields"]


def test_batch_decisions_and_messages_reach_the_chosen_applicants_only(api, county_officer, announced):
    announcement, applications = announced
    api.force_authenticate(county_officer)
    chosen = [applications[0].pk, applications[1].pk]
    bad = api.post(
        f"/api/v1/announcements/{announcement.pk}/applications/review/",
        {"decision": "pass", "ids": "x"},
        format="json",
    )
    assert bad.status_code == 400 and "ids" in bad.json()["error"]["fields"]
    decided = api.post(
        f"/api/v1/announcements/{announcement.pk}/applications/review/",
        {"decision": "pass", "ids": chosen},
        format="json",
    )
    assert decided.json() == {"count": 2}
    passed = set(Application.objects.exclude(stage="qualification_review").values_list("pk", flat=True))
    assert passed == set(chosen)
    sent = api.post(
        f"/api/v1/announcements/{announcement.pk}/applications/message/",
        {"subject": "考试安排", "text": "请按时参加笔试。", "ids": chosen[:1]},
        format="json",
    )
    assert sent.json() == {"count": 1}
    assert ApplicantNotice.objects.filter(kind="office_message").count() == 1


def test_a_staff_member_declares_and_withdraws_a_relationship_through_the_api(api, county_officer):
    api.force_authenticate(county_officer)
    missing = api.post("/api/v1/relations/", {"kind": "spouse", "full_name": "王芳"}, format="json")
    assert missing.status_code == 400 and not StaffRelation.objects.exists()
    made = api.post(
        "/api/v1/relations/",
        {"kind": "spouse", "full_name": "王芳", "birth_date": "1991-02-03"},
        format="json",
    )
    assert made.status_code == 201
    assert [r["full_name"] for r in api.get("/api/v1/relations/").json()] == ["王芳"]
    withdrawn = api.post(f"/api/v1/relations/{made.json()['id']}/withdraw/")
    assert withdrawn.status_code == 200
    assert api.get("/api/v1/relations/").json() == [] or StaffRelation.objects.get().withdrawn_at


def test_an_objection_is_recorded_and_resolved_through_the_api(api, county_officer, announced):
    _announcement, applications = announced
    api.force_authenticate(county_officer)
    application = applications[0]
    early = api.post(
        f"/api/v1/applications/{application.pk}/objections/",
        {"received_on": str(date.today()), "content": "反映其曾受处分"},
        format="json",
    )
    # Not in publicity yet: the service refuses, structured, and nothing is written.
    assert early.status_code in (400, 409) and early.json()["error"]["message"]
    assert not application.objections.exists()
