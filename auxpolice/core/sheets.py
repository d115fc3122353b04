"""Workbooks the application writes and reads: one place that keeps user text inert and bounds what is read.

Writing: a cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be a live formula (or a
DDE call) in the officer's spreadsheet program (OWASP "CSV injection"). Every exported row goes through
`append_row`, which writes such text as a text cell with Excel's quote prefix: shown as typed, never evaluated.
"""

from django.http import HttpResponse
from openpyxl.cell import Cell, WriteOnlyCell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def xlsx_response(book, filename: str) -> HttpResponse:
    response = HttpResponse(content_type=XLSX)
    book.save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
