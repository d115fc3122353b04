from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from auxpolice.core.sheets import append_row

HEADCOUNT_COLUMNS = [
    "单位",
    "核定额度",
    "在岗（文职）",
    "在岗（勤务）",
    "其中试用期",
    "招聘预留（文职）",
    "招聘预留（勤务）",
    "空缺",
]


def headcount_workbook(rows, year: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年用人额度"
    append_row(sheet, HEADCOUNT_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(
            sheet,
            [
                row.agency.name,
                row.approved,
                row.in_post["civilian"],
                row.in_post["service"],
                row.on_probation,
                row.reserved["civilian"],
                row.reserved["service"],
                row.vacant,
            ],
        )
    sheet.column_dimensions["A"].width = 32
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
