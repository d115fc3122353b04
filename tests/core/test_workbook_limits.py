"""Workbook bombs and broken files are refused with a message before they are parsed; import files do not stay
on disk, and are encrypted while they wait."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from auxpolice.core.sheets import UnreadableWorkbook, sheet_rows
from personnel.models import AuxiliaryOfficer, ImportStatus, PersonnelImport
from personnel.services import imports
from tests.factories import QuotaFactory
from tests.personnel.test_import import good_row
from tests.personnel.test_records import id_number
from tests.workbooks import CORRUPT, dimension_bomb, far_row, workbook_bytes, zip_bomb

HEADER = ["准考证号", "姓名", "岗位", "成绩"]


def read(content: bytes, max_rows=100):
    return list(sheet_rows(io.BytesIO(content), columns=4, max_rows=max_rows))


def test_a_clean_sheet_is_read_with_its_row_numbers_and_cut_to_the_templates_width():
    rows = read(workbook_bytes([HEADER + ["备注"], ["T1", "张三", "01", 80], [], ["T2", "李四", "01", 75]]))
    assert rows == [(1, HEADER), (2, ["T1", "张三", "01", 80]), (4, ["T2", "李四", "01", 75])]


@pytest.mark.parametrize(
    "build, message",
    [
        (dimension_bomb, "1048576"),
        (zip_bomb, "zip"),
        (far_row, "100"),
        (lambda rows: CORRUPT, ".xlsx"),
        (lambda rows: b"MZ\x90\x00", ".xlsx"),
    ],
)
def test_hostile_or_broken_files_are_refused_with_a_message(build, message):
    with pytest.raises(UnreadableWorkbook) as error:
        read(build([HEADER, ["T1", "张三", "01", 80]]))
    assert message in str(error.value.message) and error.value.field == "workbook"


def test_more_rows_than_the_cap_are_refused():
    with pytest.raises(UnreadableWorkbook, match="100"):
        read(workbook_bytes([HEADER] + [[f"T{n}", "某", "01", 60] for n in range(101)]))


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.xlsx", content)


def test_a_corrupt_personnel_workbook_fails_with_a_message_and_is_never_left_running(
    start,
    county_officer,
    wuhou,
):
    job = start(actor=county_officer, agency=wuhou, upload=upload(CORRUPT))
    assert job.status == ImportStatus.FAILED and ".xlsx" in job.errors[0]["message"]


def test_a_bomb_in_the_personnel_import_fails_with_a_message(start, county_officer, wuhou):
    job = start(
        actor=county_officer, agency=wuhou, upload=upload(dimension_bomb([imports.COLUMNS, good_row(1)]))
    )
    assert job.status == ImportStatus.FAILED and "1048576" in job.errors[0]["message"]
    assert AuxiliaryOfficer.objects.count() == 0


def test_the_import_file_is_encrypted_while_it_waits_and_gone_when_it_ends(
    county_officer, wuhou, django_capture_on_commit_callbacks
):
    from personnel.services.auxiliaries import import_start

    QuotaFactory(agency=wuhou, approved_total=10)
    content = workbook_bytes([imports.COLUMNS, good_row(1)])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = import_start(actor=county_officer, agency=wuhou, upload=upload(content))
    stored = job.workbook.name
    with default_storage.open(stored, "rb") as handle:
        at_rest = handle.read()
    assert not at_rest.startswith(b"PK") and content not in at_rest
    for callback in queued:
        callback()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and not job.workbook and not default_storage.exists(stored)
    failed = PersonnelImport.objects.create(
        agency=wuhou, uploaded_by=county_officer, workbook=ContentFile(b"x", name="x.enc")
    )
    imports.run(failed.pk)
    failed.refresh_from_db()
    assert failed.status == ImportStatus.FAILED and not failed.workbook and failed.errors


def test_the_hourly_purge_removes_files_no_import_waits_for(county_officer, wuhou):
    from datetime import timedelta

    from django.utils import timezone

    from auxpolice.core import sheet_imports
    from auxpolice.core.models import SheetImport

    orphans = [
        default_storage.save("imports/2026/11/orphan.xlsx", ContentFile(id_number(9).encode())),
        default_storage.save("sheet-imports/2026/11/orphan.xlsx", ContentFile(id_number(9).encode())),
    ]
    waiting = PersonnelImport.objects.create(
        agency=wuhou, uploaded_by=county_officer, workbook=ContentFile(b"sealed", name="w.enc")
    )
    scores = SheetImport.objects.create(
        kind="recruitment.scores",
        agency=wuhou,
        uploaded_by=county_officer,
        workbook=ContentFile(b"sealed", name="s.enc"),
    )
    later = timezone.now() + timedelta(days=2)
    assert imports.purge_leftover_files(now=later) == 1 and sheet_imports.purge_leftover_files(now=later) == 1
    assert not any(default_storage.exists(name) for name in orphans)
    assert default_storage.exists(waiting.workbook.name) and default_storage.exists(scores.workbook.name)


def test_a_bomb_uploaded_as_scores_answers_with_the_reason_not_a_500(
    client, county_officer, wuhou, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from auxpolice.core.models import SheetImport
    from tests.conftest import client_for
    from tests.recruitment.builders import announcement_for, approved_plan

    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    with django_capture_on_commit_callbacks(execute=True):
        started = client_for(client, county_officer).post(
            reverse("stage_scores_import", args=[announcement.pk, "exam"]),
            {"workbook": SimpleUploadedFile("s.xlsx", dimension_bomb([HEADER]))},
        )
    response = client.get(started.url)
    assert response.status_code == 400 and "1048576" in response.content.decode()
    assert not SheetImport.objects.get().workbook  # the file is gone, the report stays
