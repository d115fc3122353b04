import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from auxpolice.core.errors import DomainError
from headcount.models import Quota
from personnel.models import AuxiliaryOfficer, ImportStatus, LaborContract, PersonnelImport
from personnel.services import imports
from personnel.services.auxiliaries import import_start
from tests.conftest import client_for
from tests.factories import QuotaFactory, numbered_name
from tests.personnel.test_records import id_number

pytestmark = pytest.mark.django_db


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(imports.COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("people.xlsx", buffer.getvalue())


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """import_start, with the queued Celery task run (eagerly) when the transaction commits."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            job = import_start(**kwargs)
        job.refresh_from_db()
        return job

    return run


def good_row(serial, category="勤务"):
    return [
        numbered_name("人员", serial),
        id_number(serial),
        category,
        "2026-03-01",
        "巡逻",
        "",
        "2026-03-01",
        "2029-02-28",
        "2026-08-31",
    ]


def test_a_clean_file_imports_people_and_contracts_and_takes_quota_places(start, county_officer, wuhou):
    quota = QuotaFactory(agency=wuhou, approved_total=10)
    job = start(actor=county_officer, agency=wuhou, upload=workbook([good_row(1), good_row(2, "文职")]))
    assert job.status == ImportStatus.DONE and job.percent == 100
    assert AuxiliaryOfficer.objects.count() == 2 and LaborContract.objects.count() == 2
    quota.refresh_from_db()
    assert (quota.in_post_service, quota.in_post_civilian) == (1, 1)
    person = AuxiliaryOfficer.objects.get(full_name="人员一")
    assert person.id_number == id_number(1) and person.history.get().history_user == county_officer


def test_a_bad_file_changes_nothing_and_reports_every_bad_row(start, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10)
    rows = [
        good_row(1),
        ["", id_number(2), "勤务", "2026-03-01", "", "", "2026-03-01", "2029-02-28", "2026-08-31"],
        [
            "王五",
            "110105194912310021",
            "勤务",
            "2026-03-01",
            "",
            "",
            "2026-03-01",
            "2029-02-28",
            "2026-08-31",
        ],
        good_row(1),
        ["赵六", id_number(5), "辅警", "03/01/2026", "", "", "2026-03-01", "2029-02-28", ""],
    ]
    job = start(actor=county_officer, agency=wuhou, upload=workbook(rows))
    assert job.status == ImportStatus.FAILED
    reported = {(e["row"], e["column"]) for e in job.errors}
    assert {(3, "姓名"), (4, "公民身份号码"), (5, "公民身份号码"), (6, "类别"), (6, "入职日期")} <= reported
    assert not AuxiliaryOfficer.objects.exists() and not LaborContract.objects.exists()
    assert Quota.objects.get(agency=wuhou).in_post == 0


def test_sichuan_rows_without_probation_are_refused_citing_art22(start, county_officer, wuhou):
    QuotaFactory(agency=wuhou)
    row = good_row(1)
    row[8] = None
    job = start(actor=county_officer, agency=wuhou, upload=workbook([row]))
    assert job.status == ImportStatus.FAILED and "四川省办法 第二十二条" in job.errors[0]["message"]


def test_a_file_bigger_than_the_free_quota_imports_nobody(start, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=1)
    job = start(actor=county_officer, agency=wuhou, upload=workbook([good_row(1), good_row(2)]))
    assert job.status == ImportStatus.FAILED and not AuxiliaryOfficer.objects.exists()


def test_a_file_that_is_not_xlsx_is_refused_before_anything_is_stored(county_officer, wuhou):
    with pytest.raises(DomainError) as refused:
        import_start(
            actor=county_officer, agency=wuhou, upload=SimpleUploadedFile("people.xlsx", b"MZ\x90\x00evil")
        )
    assert refused.value.field == "workbook" and not PersonnelImport.objects.exists()


def test_running_an_import_again_changes_nothing(start, county_officer, wuhou):
    QuotaFactory(agency=wuhou)
    job = start(actor=county_officer, agency=wuhou, upload=workbook([good_row(1)]))
    imports.run(job.pk)
    assert AuxiliaryOfficer.objects.count() == 1


def test_import_page_flow_and_progress_json(
    client, county_officer, wuhou, django_capture_on_commit_callbacks
):
    QuotaFactory(agency=wuhou)
    client_for(client, county_officer)
    assert client.get(reverse("import_template")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("import_new"), {"agency": wuhou.pk, "workbook": workbook([good_row(1)])}
        )
    assert response.status_code == 302
    progress = client.get(response.url, {"format": "json"}).json()
    assert progress == {
        "status": "done",
        "percent": 100,
        "processed": 1,
        "total": 1,
        "errors": 0,
        "resumed_at": None,
    }


def test_the_import_checks_names_phones_and_probation_as_the_forms_do(start, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10)
    long_name, bad_phone, long_probation = good_row(1), good_row(2), good_row(3)
    long_name[0] = "张" * 103
    bad_phone[5] = "12345"
    long_probation[7], long_probation[8] = "2027-02-28", "2026-12-31"  # a one-year term: two months at most
    job = start(actor=county_officer, agency=wuhou, upload=workbook([long_name, bad_phone, long_probation]))
    assert job.status == ImportStatus.FAILED and AuxiliaryOfficer.objects.count() == 0
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "姓名"), (3, "手机"), (4, "试用期截止")]
    assert "劳动合同法 第十九条第一款" in job.errors[2]["message"]


def test_the_templates_sample_row_is_never_imported(start, county_officer, wuhou):
    from io import BytesIO

    from openpyxl import load_workbook

    from personnel.services.imports import template_workbook

    QuotaFactory(agency=wuhou, approved_total=10)
    sheet = load_workbook(BytesIO(template_workbook())).active
    sample = [cell.value for cell in sheet[2]][:9]
    job = start(actor=county_officer, agency=wuhou, upload=workbook([sample, good_row(1)]))
    assert job.status == ImportStatus.FAILED and AuxiliaryOfficer.objects.count() == 0
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "姓名")]
