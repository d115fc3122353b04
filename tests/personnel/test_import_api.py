"""Personnel imports through the API: upload (202 and the job's URL), poll progress and refused rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from personnel.models import PersonnelImport
from tests.factories import QuotaFactory
from tests.personnel.test_import import good_row, workbook

pytestmark = pytest.mark.django_db


def test_an_import_is_uploaded_and_polled_through_the_api(
    api, county_officer, wuhou, django_capture_on_commit_callbacks
):
    QuotaFactory(agency=wuhou, approved_total=5)
    api.force_authenticate(county_officer)
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(
            "/api/v1/personnel/imports/",
            {"agency": wuhou.code, "workbook": workbook([good_row(31), good_row(32)[:2] + ["?"] * 3])},
            format="multipart",
        )
    assert started.status_code == 202 and started["Location"] == started.json()["job"]
    job = api.get(started.json()["job"]).json()
    assert job["total"] == 2 and job["processed"] == 2 and job["percent"] == 100
    assert job["errors"]  # the second row is refused with its reasons
    assert PersonnelImport.objects.count() == 1


def test_a_file_that_is_not_the_template_is_refused_on_its_field(api, county_officer, wuhou):
    api.force_authenticate(county_officer)
    refused = api.post(
        "/api/v1/personnel/imports/",
        {"agency": wuhou.code, "workbook": SimpleUploadedFile("people.csv", b"a,b\n")},
        format="multipart",
    )
    assert refused.status_code == 400 and "workbook" in refused.json()["error"]["fields"]
    assert not PersonnelImport.objects.exists()
