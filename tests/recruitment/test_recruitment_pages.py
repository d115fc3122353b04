"""The pages, driven as users drive them: an applicant through the portal, an officer through the stages."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from recruitment.models import ApplicantDocument, Application, SensitiveResultAccess, StageResult
from recruitment.services import review
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    close_registration,
    id_number,
)


@pytest.fixture
def published(wuhou, county_officer):
    plan = approved_plan(wuhou, county_officer, service=2)
    return announcement_for(plan, county_officer)


def test_an_applicant_fills_the_profile_checks_eligibility_and_applies_through_the_portal(client, published):
    user = UserFactory(role="applicant", agency=None)
    client_for(client, user)
    position = published.positions.get()
    assert client.get(reverse("portal_announcement", args=[published.pk])).status_code == 200
    response = client.get(reverse("portal_apply", args=[position.pk]))
    assert response.status_code == 302 and reverse("portal_profile") in response.url
    response = client.post(
        reverse("portal_profile"),
        {
            "full_name": "张三",
            "id_number": id_number(date(1980, 1, 1)),
            "phone": "13800000001",
            "education": "high_school",
        },
    )
    assert response.status_code == 302
    items = client.get(reverse("portal_apply", args=[position.pk])).context["form"].items
    answers = {item["code"]: "no" for item in items} | {"truthful": "on"}
    response = client.post(reverse("portal_apply", args=[position.pk]), answers)
    page = response.content.decode()
    assert "四川省办法 第十八条第（三）项" in page  # 46 years old: refused, with the article
    assert 'class="verdict verdict-refused"' in page and "不符合" in page  # the verdict, then each condition
    assert 'class="finding finding-refused"' in page and 'class="finding finding-allowed"' in page
    response = client.post(reverse("portal_apply_submit", args=[position.pk]), answers, follow=True)
    assert not Application.objects.exists()
    client.post(
        reverse("portal_profile"),
        {
            "full_name": "张三",
            "id_number": id_number(date(1999, 1, 1)),
            "phone": "13800000001",
            "education": "high_school",
        },
    )
    verdict = client.post(reverse("portal_apply", args=[position.pk]), answers).content.decode()
    assert 'class="verdict verdict-allowed"' in verdict and "finding-refused" not in verdict
    response = client.post(reverse("portal_apply_submit", args=[position.pk]), answers)
    application = Application.objects.get()
    assert response.url == reverse("portal_application", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert "资格审查" in page


def test_uploads_are_checked_by_content_and_an_executable_named_pdf_is_refused(client, published):
    user = applicant_with_profile()
    client_for(client, user)
    fake = SimpleUploadedFile("diploma.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    client.post(reverse("portal_document_upload"), {"kind": "diploma", "file": fake})
    assert not ApplicantDocument.objects.exists()
    real = SimpleUploadedFile("d.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
    client.post(reverse("portal_document_upload"), {"kind": "diploma", "file": real})
    document = ApplicantDocument.objects.get()
    assert document.content_type == "application/pdf" and document.file.name.endswith("diploma.pdf")
    other = applicant_with_profile()
    client_for(client, other)
    assert client.get(reverse("portal_document", args=[document.pk])).status_code == 404


def test_the_admission_ticket_is_a_pdf_once_the_review_is_passed(client, published, county_officer):
    user = applicant_with_profile()
    application = apply(user, published.positions.get())
    client_for(client, user)
    assert client.get(reverse("portal_ticket", args=[application.pk])).status_code == 404
    review.review_decide(actor=county_officer, application=application, decision="pass")
    response = client.get(reverse("portal_ticket", args=[application.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_the_officers_application_list_costs_the_same_few_queries_for_any_page_size(
    client, published, county_officer
):
    position = published.positions.get()
    for _ in range(25):
        apply(applicant_with_profile(), position)
    client_for(client, county_officer)
    url = reverse("application_list", args=[published.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + "?status=submitted")
    assert response.status_code == 200 and len(response.context["page"].rows) == 20
    assert len(queries) <= 10
    assert "****" in response.content.decode() or "*" in response.context["page"].rows[0].id_number_masked
    second = client.get(url + f"?after={response.context['page'].next_cursor}")
    assert len(second.context["page"].rows) == 5


def test_scores_imported_from_excel_report_row_errors_and_save_nothing(
    client, published, county_officer, django_capture_on_commit_callbacks
):
    position = published.positions.get()
    apps = [
        review.review_decide(
            actor=county_officer, application=apply(applicant_with_profile(), position), decision="pass"
        )
        for _ in range(2)
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(["准考证号", "姓名", "岗位", "成绩"])
    sheet.append([apps[0].ticket_number, "", "01", 88])
    sheet.append(["000000000000", "", "01", 70])
    sheet.append([apps[1].ticket_number, "", "01", "abc"])
    data = io.BytesIO()
    book.save(data)
    client_for(client, county_officer)
    url = reverse("stage_scores", args=[published.pk, "exam"])
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # recorded in Celery (eagerly here), not in the request
        started = client.post(
            reverse("stage_scores_import", args=[published.pk, "exam"]),
            {"workbook": SimpleUploadedFile("s.xlsx", data.getvalue())},
        )
    response = client.get(started.url)
    assert response.status_code == 400 and [e["row"] for e in response.context["job"].errors] == [3, 4]
    assert not StageResult.objects.exists()
    response = client.post(url, {f"score-{apps[0].pk}": "88", f"score-{apps[1].pk}": "缺考"})
    assert StageResult.objects.count() == 2
    close_registration(published)
    client.post(reverse("stage_rank", args=[published.pk, "exam"]), {"position": position.code})
    assert Application.objects.get(pk=apps[0].pk).stage == "physical_test"


def test_medical_details_need_the_grant_and_every_view_is_logged(client, published, county_officer):
    from django.contrib.auth.models import Permission

    client_for(client, county_officer)
    application = apply(applicant_with_profile(), published.positions.get())
    url = reverse("application_sensitive", args=[application.pk])
    assert client.get(url).status_code == 403
    county_officer.user_permissions.add(Permission.objects.get(codename="view_sensitive_results"))
    client_for(client, type(county_officer).objects.get(pk=county_officer.pk))
    assert client.get(url).status_code == 200
    assert SensitiveResultAccess.objects.filter(user=county_officer, application=application).count() == 1


def test_the_portal_api_applies_and_refuses_with_citations(api, published):
    user = applicant_with_profile(birth=date(1980, 1, 1))
    api.force_authenticate(user)
    position = published.positions.get()
    from tests.recruitment.builders import declaration_for

    response = api.post(
        "/api/v1/portal/applications/",
        {"position": position.pk, "declaration": declaration_for(position)},
        format="json",
    )
    assert response.status_code == 400
    assert "四川省办法 第十八条第（三）项" in [c["label_zh"] for c in response.json()["error"]["citations"]]


def test_the_portal_api_takes_an_applicants_token_and_refuses_a_revoked_account(client, published):
    from auxpolice.core.api_tokens import token_issue
    from tests.recruitment.builders import declaration_for

    user = applicant_with_profile()
    _token, secret = token_issue(user=user, name="portal app", scope="write")
    position = published.positions.get()
    body = {"position": position.pk, "declaration": declaration_for(position)}
    user.is_active = False
    user.save()
    refused = client.post(
        "/api/v1/portal/applications/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    assert refused.status_code in (401, 403) and not Application.objects.exists()
    user.is_active = True
    user.save()
    accepted = client.post(
        "/api/v1/portal/applications/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    assert accepted.status_code == 201 and accepted.json()["status"] == "submitted"


def test_an_applicant_keeps_an_education_history_that_officers_see(client, published, county_officer):
    user = applicant_with_profile()
    client_for(client, user)
    client.post(
        reverse("portal_education_add"),
        {
            "level": "high_school",
            "school": "成都七中",
            "major": "",
            "started_on": "2013-09-01",
            "graduated_on": "2016-06-30",
        },
    )
    refused = client.post(
        reverse("portal_education_add"),
        {
            "level": "junior_college",
            "school": "四川司法警官职业学院",
            "major": "刑事执行",
            "started_on": "2016-09-01",
            "graduated_on": "2016-01-01",
        },
    )  # graduation before start: the form comes back with what was typed
    page = refused.content.decode()
    assert refused.status_code == 400
    assert (
        'value="四川司法警官职业学院"' in page and 'value="刑事执行"' in page and 'value="2016-09-01"' in page
    )
    assert [r.school for r in user.applicant_profile.education_records.all()] == ["成都七中"]
    application = apply(user, published.positions.get())
    client_for(client, county_officer)
    assert "成都七中" in client.get(reverse("application_detail", args=[application.pk])).content.decode()


def test_a_refused_review_comes_back_with_the_decision_and_articles_kept_and_the_error_on_its_field(
    client, published, county_officer
):
    application = apply(applicant_with_profile(), published.positions.get())
    client_for(client, county_officer)
    page = client.get(reverse("application_detail", args=[application.pk]))
    article = page.context["review_form"].fields["citations"].choices[0][0]
    response = client.post(
        reverse("application_review", args=[application.pk]), {"decision": "reject", "citations": [article]}
    )
    assert response.status_code == 400
    form = response.context["review_form"]
    assert form["decision"].value() == "reject" and form["citations"].value() == [article]
    assert form.errors.get("reason") or form.non_field_errors()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_each_action_has_its_own_url_and_no_view_dispatches_on_a_slug():
    from django.urls import get_resolver

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns)
            else:
                yield str(pattern.pattern)

    assert not [p for p in walk(get_resolver().url_patterns) if "<slug:action>" in p or "(?P<action>" in p]


def test_one_wrong_score_keeps_every_typed_score_and_names_the_candidate_and_ticket(
    client, published, county_officer
):
    position = published.positions.get()
    apps = [
        review.review_decide(
            actor=county_officer, application=apply(applicant_with_profile(), position), decision="pass"
        )
        for _ in range(3)
    ]
    client_for(client, county_officer)
    typed = {f"score-{apps[0].pk}": "88", f"score-{apps[1].pk}": "8八", f"score-{apps[2].pk}": "71.5"}
    response = client.post(reverse("stage_scores", args=[published.pk, "exam"]), typed)
    assert response.status_code == 400 and not StageResult.objects.exists()
    page = response.content.decode()
    assert 'value="88"' in page and 'value="8八"' in page and 'value="71.5"' in page
    assert apps[1].full_name in response.context["row_errors"][0]
    assert apps[1].ticket_number in response.context["row_errors"][0]


def test_the_officers_application_list_finds_an_applicant_by_the_whole_id_number(
    client, published, county_officer
):
    position = published.positions.get()
    wanted = apply(applicant_with_profile(birth=date(1997, 2, 3)), position)
    apply(applicant_with_profile(birth=date(1996, 8, 9)), position)
    client_for(client, county_officer)
    url = reverse("application_list", args=[published.pk])
    for typed in (wanted.id_number, wanted.id_number.replace("1", "１")):
        page = client.get(url, {"q": typed}).context["page"]
        assert [a.pk for a in page.rows] == [wanted.pk]


def test_selected_applications_are_returned_in_one_action_with_one_reason_or_none_are(
    client, published, county_officer
):
    position = published.positions.get()
    chosen = [apply(applicant_with_profile(), position) for _ in range(3)]
    client_for(client, county_officer)
    url = reverse("application_batch_review", args=[published.pk])
    ids = [a.pk for a in chosen]
    refused = client.post(url, {"decision": "return", "reason": "", "ids": ids})
    assert refused.status_code == 400 and "reason" in refused.context["batch_form"].errors
    assert refused.context["selected"] == set(ids)  # the selection is kept
    assert set(Application.objects.values_list("status", flat=True)) == {"submitted"}
    review.review_decide(actor=county_officer, application=chosen[2], decision="pass")  # no longer waiting
    partly = client.post(url, {"decision": "return", "reason": "请补充学历证书", "ids": ids})
    assert partly.status_code == 400 and chosen[2].full_name in partly.content.decode()
    assert Application.objects.filter(status="returned").count() == 0  # all or none
    done = client.post(url, {"decision": "return", "reason": "请补充学历证书", "ids": ids[:2]})
    assert done.status_code == 302
    returned = Application.objects.filter(status="returned")
    assert returned.count() == 2 and {a.review_reason for a in returned} == {"请补充学历证书"}


def test_physical_test_and_medical_results_by_workbook_all_rows_or_none(
    client, published, county_officer, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    from recruitment.models import StageResult as Result
    from recruitment.services import portal

    position = published.positions.get()
    people = [
        review.review_decide(
            actor=county_officer, application=apply(applicant_with_profile(), position), decision="pass"
        )
        for _ in range(3)
    ]
    Application.objects.filter(pk__in=[a.pk for a in people]).update(stage="physical_test")
    client_for(client, county_officer)

    def upload(stage, rows):
        book = Workbook()
        book.active.append(["准考证号", "姓名", "岗位", "结果（合格/不合格/缺考）", "说明（不合格时必填）"])
        for row in rows:
            book.active.append(row)
        data = io.BytesIO()
        book.save(data)
        with django_capture_on_commit_callbacks(execute=True):
            started = client.post(
                reverse("results_import", args=[published.pk, stage]),
                {"workbook": SimpleUploadedFile("r.xlsx", data.getvalue())},
            )
        return client.get(started.url).context["job"]

    listed = load_workbook(
        io.BytesIO(client.get(reverse("result_template", args=[published.pk, "physical_test"])).content)
    ).active
    assert sorted(row[0] for row in listed.iter_rows(min_row=2, values_only=True)) == sorted(
        a.ticket_number for a in people
    )
    tickets = [a.ticket_number for a in people]
    job = upload(
        "physical_test",
        [[tickets[0], "", "01", "合格"], [tickets[1], "", "01", "优秀"], ["999", "", "01", "合格"]],
    )
    assert job.status == "failed" and [(e["row"], e["column"]) for e in job.errors] == [
        (3, "结果"),
        (4, "准考证号"),
    ]
    assert not Result.objects.filter(stage="physical_test").exists()
    job = upload(
        "physical_test",
        [[tickets[0], "", "01", "合格"], [tickets[1], "", "01", "合格"], [tickets[2], "", "01", "缺考"]],
    )
    assert job.status == "done" and Result.objects.filter(stage="physical_test").count() == 3
    assert Application.objects.get(pk=people[2].pk).status == "failed"
    # The medical: a fail needs its finding, and nothing is recorded without the applicant's separate consent.
    first = Application.objects.get(pk=people[0].pk)
    job = upload("medical_exam", [[tickets[0], "", "01", "不合格", ""]])
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "说明")]
    job = upload("medical_exam", [[tickets[0], "", "01", "不合格", "血压偏高"]])
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "准考证号")]  # no consent yet
    portal.consent_give(user=first.applicant, application=first, purpose="medical_exam", version="2026-1")
    job = upload("medical_exam", [[tickets[0], "", "01", "不合格", "血压偏高"]])
    assert job.status == "done" and Result.objects.get(stage="medical_exam").detail == "血压偏高"


def test_the_lists_a_bureau_files_export_and_print_with_their_names(client, published, county_officer):
    from openpyxl import load_workbook

    position = published.positions.get()
    for _ in range(3):
        apply(applicant_with_profile(), position)
    client_for(client, county_officer)
    book = load_workbook(
        io.BytesIO(
            client.get(reverse("application_export", args=[published.pk]), {"status": "submitted"}).content
        )
    ).active
    rows = list(book.iter_rows(values_only=True))
    assert (
        rows[0][0] == f"{published.title} · 资格审查名单"
        and rows[2][:2] == ("序号", "姓名")
        and len(rows) == 6
    )
    printed = client.get(reverse("application_print", args=[published.pk]), {"status": "submitted"})
    page = printed.content.decode()
    assert printed.status_code == 200 and "资格审查名单" in page and page.count("<tr>") == 4
    assert "print-footer" in page and "打印" in page  # the footer and the print button every page has


def test_a_message_reaches_each_selected_applicant_once(client, published, county_officer):
    from recruitment.models import ApplicantNotice

    position = published.positions.get()
    chosen = [apply(applicant_with_profile(), position) for _ in range(3)]
    client_for(client, county_officer)
    url = reverse("application_message", args=[published.pk])
    ids = [a.pk for a in chosen[:2]]
    refused = client.post(url, {"subject": "", "text": "请携带身份证原件", "ids": ids})
    assert refused.status_code == 400 and "subject" in refused.context["message_form"].errors
    assert (
        'value="请携带身份证原件"' in refused.content.decode()
        or "请携带身份证原件" in refused.content.decode()
    )
    for _ in range(2):  # sent twice by mistake: nobody gets it twice
        assert (
            client.post(
                url, {"subject": "现场资格复审通知", "text": "请携带身份证原件", "ids": ids}
            ).status_code
            == 302
        )
    sent = ApplicantNotice.objects.filter(event__contains="message:")
    assert sent.count() == 2 and {n.application_id for n in sent} == set(ids)
    assert sent.first().subject.startswith("现场资格复审通知") and "身份证原件" in sent.first().text
