"""The month's special additional deductions by workbook: the withholding client's export (or the template)
read by its column headings, so that the client's own export, with its many other columns, can be uploaded
as it is."""

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook

from auxpolice.core.errors import DomainError
from auxpolice.core.models import Agency
from auxpolice.core.sheets import append_row, sheet_rows

from .models import SpecialDeduction
from .services import special_deductions

ID_NUMBER, NAME = "证件号码", "姓名"
HEADINGS = [ID_NUMBER, NAME, *(column for _field, column in SpecialDeduction.KINDS)]
READ_COLUMNS = 60  # the client's export has some 40 columns; only the headings above are read
MAX_ROWS = 20_000


def template() -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("专项附加扣除")
    append_row(sheet, HEADINGS)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(upload) -> list[tuple[int, dict]]:
    """(row number, values) of every filled row below the first row, which must hold every heading."""
    rows = sheet_rows(upload, columns=READ_COLUMNS, max_rows=MAX_ROWS)
    first = next(rows, None)
    header = [str(cell or "").strip() for cell in (first[1] if first and first[0] == 1 else [])]
    missing = [heading for heading in HEADINGS if heading not in header]
    if missing:
        raise DomainError(
            _("The first row must hold the columns %(missing)s (the withholding client's headings).")
            % {"missing": "、".join(missing)},
            field="workbook",
        )
    at = {heading: header.index(heading) for heading in HEADINGS}
    fields = [("id_number", ID_NUMBER), ("full_name", NAME), *SpecialDeduction.KINDS]
    return [(number, {field: cells[at[column]] for field, column in fields}) for number, cells in rows]


def workbook_import(job, upload, progress) -> tuple[int, list[dict]]:
    """Handler of "compensation.special_deductions" imports (run in Celery by core.sheet_imports)."""
    agency = Agency.objects.get(pk=job.agency_id)
    rows = read(upload)
    progress(0, len(rows))
    recorded, errors = special_deductions.special_deductions_import(
        actor=job.uploaded_by, agency=agency, month=date.fromisoformat(job.target["month"]), rows=rows
    )
    progress(len(rows), len(rows))
    return recorded, errors
