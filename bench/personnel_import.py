"""A 10,000-row personnel import, checked and written in one go (target ≤ 10 s). Each run is rolled back and
the tables vacuumed, so the data (and the next figure) stay as they were."""

import io
import time
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from openpyxl import Workbook

from bench.seed import GIVEN, SURNAMES
from bench.stats import load, spread


class _RolledBack(Exception):
    pass


def id_numbers(count: int):
    """Valid, distinct numbers: birth dates spread over twenty years."""
    from auxpolice.rules.idnumber import check_character

    first_day = date(1980, 1, 1)
    for serial in range(count):
        born = first_day + timedelta(days=serial % 7000)
        sequence = serial // 7000 % 1000
        first17 = f"110105{born:%Y%m%d}{sequence:03d}"
        yield first17 + check_character(first17)


def _workbook(rows: int) -> bytes:
    from personnel.services import imports

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(imports.COLUMNS)
    for serial, number in enumerate(id_numbers(rows)):
        sheet.append(
            [
                SURNAMES[serial % len(SURNAMES)] + GIVEN[serial // len(SURNAMES) % len(GIVEN)] + "导",
                number,
                "勤务" if serial % 4 else "文职",
                "2026-03-01",
                "巡逻",
                "",
                "2026-03-01",
                "2029-02-28",
                "2026-08-31",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import_rolled_back(content: bytes, rows: int) -> float:
    from auxpolice.core.models import Agency, Role, User
    from headcount.models import Quota
    from personnel.models import ImportStatus, PersonnelImport
    from personnel.services import imports

    elapsed = 0.0
    try:
        with transaction.atomic():
            agency = Agency.objects.get(code="B511909")  # a county of the bench province
            quota = Quota.objects.get(agency=agency, year=2026)
            quota.approved_total += rows
            quota.save(update_fields=["approved_total"])
            user = User.objects.filter(username="bench_import_officer").first() or User.objects.create(
                username="bench_import_officer", role=Role.OFFICER, agency=agency
            )
            job = PersonnelImport.objects.create(
                agency=agency, uploaded_by=user, workbook=SimpleUploadedFile("bench.xlsx", content)
            )
            started = time.perf_counter()
            job = imports.run(job.pk)
            elapsed = time.perf_counter() - started
            assert job.status == ImportStatus.DONE, job.errors[:5]
            raise _RolledBack
    except _RolledBack:
        pass
    with connection.cursor() as cursor:
        for table in ("personnel_auxiliaryofficer", "personnel_laborcontract"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return elapsed


def run(rows: int = 10_000, repeats: int = 3) -> None:
    content = _workbook(rows)
    timings = [_import_rolled_back(content, rows) for _ in range(repeats)]
    label = f"personnel import of {rows:,} rows (people + contracts + history)"
    print(f"{label:<62} {spread(timings)}  (n={repeats}, rolled back, {load()})")
