"""Every view of an applicant's document is logged like a full ID reveal, and the audit administrator filters
the log by person, user, kind and dates, and exports it."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from recruitment.models import SensitiveResultAccess
from recruitment.services import portal
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


@pytest.fixture
def opened_id_card(client, county_officer, wuhou):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    applicant = applicant_with_profile()
    application = apply(applicant, announcement.positions.get())
    document = portal.document_upload(
        user=applicant, kind="id_card", upload=SimpleUploadedFile("id.jpg", JPEG)
    )
    response = client_for(client, county_officer).get(reverse("applicant_document", args=[document.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    return application


def test_opening_an_applicants_id_card_is_logged(opened_id_card, county_officer):
    row = SensitiveResultAccess.objects.get()
    assert (row.user, row.application, row.field) == (county_officer, opened_id_card, "document:id_card")


def test_the_auditor_filters_by_person_user_kind_and_dates(client, opened_id_card, county_officer, sichuan):
    auditor = UserFactory(role="auditor", agency=sichuan)
    client_for(client, auditor)
    name = opened_id_card.full_name

    def shown(**filters) -> bool:
        page = client.get(reverse("access_log"), filters)
        assert page.status_code == 200
        return name in page.content.decode()

    today = timezone.localdate()
    assert shown() and shown(kind="document", person=name[:2], user=county_officer.username)
    assert shown(since=today.isoformat(), until=today.isoformat())
    assert not shown(kind="health")
    assert not shown(user="somebody_else")
    assert not shown(since=(today + timedelta(days=1)).isoformat())
    assert not shown(person="无此人")


def test_the_auditor_exports_the_filtered_log_to_excel(client, opened_id_card, sichuan):
    auditor = UserFactory(role="auditor", agency=sichuan)
    response = client_for(client, auditor).get(reverse("access_log"), {"kind": "document", "format": "xlsx"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert opened_id_card.full_name in cells


def test_the_access_log_costs_the_same_queries_however_many_rows(
    client, opened_id_card, county_officer, sichuan
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    auditor = UserFactory(role="auditor", agency=sichuan)
    client_for(client, auditor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("access_log")).status_code == 200
        return len(captured)

    few = queries()
    SensitiveResultAccess.objects.bulk_create(
        SensitiveResultAccess(user=county_officer, application=opened_id_card, field="sensitive_results")
        for _ in range(20)
    )
    assert queries() == few
