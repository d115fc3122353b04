"""Workbooks the application writes and reads: one place that keeps user text inert and bounds what is read.

Reading: an .xlsx is a zip of XML, so a few kilobytes can declare a sheet of 16,384 x 1,048,576 cells
(openpyxl then pads every row to that width) or inflate to gigabytes. `sheet_rows` checks the archive
(entries, uncompressed size, compression ratio) and the declared dimensions before parsing, then streams the
rows in read-only mode, cut to the template's width, and stops at the import's row cap: a hostile or corrupt
file is refused in milliseconds with a message, in bounded memory.

Writing: a cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be a live formula
(or a DDE call) in the officer's spreadsheet program (OWASP "CSV injection"). Every exported row goes through
`append_row`, which writes such text as a text cell with Excel's quote prefix: shown as typed, never
evaluated.
"""

import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell import Cell, WriteOnlyCell

from .errors import DomainError

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def inert(sheet, value):
    """The value as a cell that cannot be evaluated, when it is text that could be."""
    if not isinstance(value, str) or not value.startswith(FORMULA_LEADS):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    sheet.append([value if isinstance(value, Cell) else inert(sheet, value) for value in values])


MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # ordinary sheets compress 5-30x; a bomb of repeated bytes 1000x and more
SPARE_COLUMNS = 20  # notes typed beside the template's columns are ignored, not refused


class UnreadableWorkbook(DomainError):
    default_code = "unreadable_workbook"

    def __init__(self, message):
        super().__init__(message, field="workbook")


def _check_archive(upload) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableWorkbook(_("This file is not a readable .xlsx workbook.")) from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise UnreadableWorkbook(_("This file is not a readable .xlsx workbook."))
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableWorkbook(
            _("The workbook unpacks to more than %(mb)s MB; split it into smaller files.")
            % {"mb": MAX_UNCOMPRESSED_BYTES // 2**20}
        )
    if any(
        entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1) and entry.file_size > 2**20
        for entry in entries
    ):
        raise UnreadableWorkbook(_("The workbook is packed unusually tightly (a zip bomb?) and is not read."))
    upload.seek(0)


def sheet_rows(upload, *, columns: int, max_rows: int) -> Iterator[tuple[int, list]]:
    """(row number, the first `columns` values) of every non-empty row of the first sheet, header included.
    Refuses (UnreadableWorkbook) a file that is not a workbook, unpacks too far, declares more rows or columns
    than the import takes, or holds more than `max_rows` filled rows after the header."""
    _check_archive(upload)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
        sheet = book.active
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    except Exception:  # openpyxl raises many kinds for a broken archive; to the user they are one answer
        raise UnreadableWorkbook(_("This file is not a readable .xlsx workbook.")) from None
    if declared_columns > columns + SPARE_COLUMNS or declared_rows > 2 * max_rows + 1000:
        book.close()
        raise UnreadableWorkbook(
            _(
                "The sheet declares %(rows)s rows × %(columns)s columns; this import reads at most "
                "%(max_rows)s rows of %(max_columns)s columns. Copy the data into the template."
            )
            % {
                "rows": declared_rows,
                "columns": declared_columns,
                "max_rows": max_rows,
                "max_columns": columns,
            }
        )
    sheet.reset_dimensions()  # iterate over the rows really there, not the declared box
    filled = 0
    try:
        for number, values in enumerate(sheet.iter_rows(max_col=columns, values_only=True), start=1):
            if (
                number > 2 * max_rows + 1000
            ):  # rows far below the data (openpyxl fills the gap with empty rows)
                raise UnreadableWorkbook(_("At most %(n)s rows per workbook.") % {"n": max_rows})
            values = list(values) + [None] * (columns - len(values))
            if all(value in (None, "") for value in values):
                continue
            filled += number > 1
            if filled > max_rows:
                raise UnreadableWorkbook(_("At most %(n)s rows per workbook.") % {"n": max_rows})
            yield number, values
    except UnreadableWorkbook:
        raise
    except Exception:
        raise UnreadableWorkbook(_("This file is not a readable .xlsx workbook.")) from None
    finally:
        book.close()
