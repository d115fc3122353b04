from io import BytesIO

from openpyxl import Workbook

from auxpolice.core.sheets import append_row

COLUMNS = ["姓名", "公民身份号码（脱敏）", "类别", "状态", "岗位", "单位", "入职日期"]


def personnel_workbook(rows) -> bytes:
    """Write-only workbook: rows stream from the query without being held in memory twice."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("辅警人员")
    append_row(sheet, COLUMNS)
    for person in rows:
        append_row(
            sheet,
            [
                person.full_name,
                person.id_number_masked,
                person.get_category_display(),
                person.get_status_display(),
                person.post,
                person.agency.name,
                person.hired_on,
            ],
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def records_workbook(title: str, headers: list[str], rows) -> bytes:
    """One record type across the user's subtree (separations with their severance, leave, ...): the
    same cells as the list page. `rows`: (record, cells)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    append_row(sheet, ["姓名", "单位", *headers])
    for record, cells in rows:
        append_row(sheet, [record.officer.full_name, record.officer.agency.name, *cells])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
