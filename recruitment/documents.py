"""Generated documents: the admission ticket (准考证) as PDF, score workbooks."""

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from auxpolice.core.pdf import FONT
from auxpolice.core.sheets import UnreadableWorkbook, append_row, sheet_rows

from . import stages


def admission_ticket(application, photo_file=None) -> bytes:
    buffer = io.BytesIO()
    width, height = landscape(A5)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"准考证 {application.ticket_number}")
    pdf.setFont(FONT, 16)
    pdf.drawCentredString(width / 2, height - 18 * mm, application.announcement.title)
    pdf.setFont(FONT, 20)
    pdf.drawCentredString(width / 2, height - 30 * mm, "准 考 证")
    pdf.setFont(FONT, 12)
    rows = [
        ("准考证号", application.ticket_number),
        ("姓名", application.full_name),
        ("身份证号", application.id_number_masked),
        ("报考岗位", f"{application.position.code} {application.position.title}"),
        ("招聘单位", application.announcement.agency.name),
    ]
    y = height - 45 * mm
    for label, value in rows:
        pdf.drawString(20 * mm, y, f"{label}：{value}")
        y -= 9 * mm
    for seat in application.seats.select_related("session", "room").order_by("session__starts_at"):
        session = seat.session
        pdf.drawString(
            20 * mm,
            y,
            f"{session.name}：{timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}–"
            f"{timezone.localtime(session.ends_at):%H:%M}　"
            f"{seat.room.site} {seat.room.code}考场 {seat.number:02d}号座位",
        )
        y -= 7 * mm
        pdf.drawString(24 * mm, y, f"地址：{seat.room.address}")
        y -= 8 * mm
    pdf.setFont(FONT, 10)
    arrangements = application.announcement.exam_arrangements or "考试时间、地点另行通知。"
    for line in arrangements.splitlines()[:5]:
        pdf.drawString(20 * mm, y, line[:60])
        y -= 6 * mm
    pdf.drawString(
        20 * mm,
        12 * mm,
        f"请携带本准考证和居民身份证参加考试。生成时间：{timezone.localtime():%Y-%m-%d %H:%M}",
    )
    if photo_file is not None:
        try:
            pdf.drawImage(
                ImageReader(photo_file),
                width - 55 * mm,
                height - 85 * mm,
                30 * mm,
                40 * mm,
                preserveAspectRatio=True,
            )
        except Exception:  # a damaged photo must not cost the applicant the ticket
            pdf.rect(width - 55 * mm, height - 85 * mm, 30 * mm, 40 * mm)
    else:
        pdf.rect(width - 55 * mm, height - 85 * mm, 30 * mm, 40 * mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def score_template(applications, stage: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = stages.label(stage)
    append_row(
        sheet,
        [
            "准考证号",
            "姓名",
            "岗位",
            "成绩（缺考填“缺考”）",
            None,
            f"说明：每个文件最多导入{MAX_SCORE_ROWS}行。",
        ],
    )
    for application in applications:
        append_row(sheet, [application.ticket_number, application.full_name, application.position.code, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MAX_SCORE_ROWS = 60_000


def read_scores(upload) -> list[tuple[int, str, object]]:
    """(row number, ticket number, raw score) for every filled row after the header."""
    rows = []
    for number, row in sheet_rows(upload, columns=4, max_rows=MAX_SCORE_ROWS):
        if number == 1:
            continue
        ticket = str(row[0] or "").strip()
        raw = row[3]
        rows.append((number, ticket, str(raw) if isinstance(raw, (int, float, Decimal)) else raw))
    return rows


RESULT_WORDS = {
    "合格": "pass",
    "不合格": "fail",
    "缺考": "absent",
    "pass": "pass",
    "fail": "fail",
    "absent": "absent",
}
RESULT_COLUMNS = ["准考证号", "姓名", "岗位", "结果（合格/不合格/缺考）", "说明（不合格时必填）"]


def result_template(applications, stage: str) -> bytes:
    """The list of a pass/fail stage (physical test, medical, vetting) to fill in and upload."""
    book = Workbook()
    sheet = book.active
    sheet.title = stages.label(stage)
    append_row(
        sheet, [*RESULT_COLUMNS, None, f"说明：每个文件最多导入{MAX_SCORE_ROWS}行；全部正确才会导入。"]
    )
    for application in applications:
        append_row(
            sheet, [application.ticket_number, application.full_name, application.position.code, None, None]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_results(upload) -> list[tuple[int, str, str, str]]:
    """(row number, ticket number, result as written, finding) for every filled row after the header."""
    rows = []
    for number, row in sheet_rows(upload, columns=5, max_rows=MAX_SCORE_ROWS):
        if number == 1:
            continue
        rows.append((number, str(row[0] or "").strip(), str(row[3] or "").strip(), str(row[4] or "").strip()))
    return rows


PHYSICAL_COLUMNS = ["准考证号", "姓名", "岗位", "性别", "测试日期", "缺考（填“缺考”）"]


def physical_headers(items: list[tuple[str, str]]) -> list[str]:
    """The physical test workbook's header: the fixed columns, then one column per item with its unit."""
    return [*PHYSICAL_COLUMNS, *[f"{item}（{unit}）" for item, unit in items]]


def physical_template(applications, items: list[tuple[str, str]]) -> bytes:
    """The physical test list to fill in, one column per item of the announcement's standard (items of the
    other sex left blank)."""
    book = Workbook()
    sheet = book.active
    sheet.title = stages.label("physical_test")
    append_row(sheet, physical_headers(items))
    for application in applications:
        append_row(
            sheet,
            [
                application.ticket_number,
                application.full_name,
                application.position.code,
                application.get_sex_display(),
                None,
                None,
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class PhysicalRow:
    """A row of the physical test workbook as read."""

    number: int
    ticket: str
    tested_on: date | None  # None: missing or not a date
    absent: bool
    values: dict[str, object]  # item → the cell as typed (blank cells left out)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def read_physical(upload, items: list[tuple[str, str]]) -> list[PhysicalRow]:
    """Every filled row after the header; refused when the columns are not this standard's items."""
    headers = physical_headers(items)
    rows = []
    for number, row in sheet_rows(upload, columns=len(headers), max_rows=MAX_SCORE_ROWS):
        if number == 1:
            if [str(cell or "").strip() for cell in row] != headers:
                raise UnreadableWorkbook(
                    _(
                        "The columns are not those of this announcement's physical test standard: "
                        "download the list again and fill that in."
                    )
                )
            continue
        rows.append(
            PhysicalRow(
                number=number,
                ticket=str(row[0] or "").strip(),
                tested_on=_as_date(row[4]),
                absent=str(row[5] or "").strip() in ("缺考", "absent"),
                values={
                    item: cell
                    for (item, _unit), cell in zip(items, row[len(PHYSICAL_COLUMNS) :], strict=True)
                    if str(cell if cell is not None else "").strip()
                },
            )
        )
    return rows


LIST_COLUMNS = ["序号", "姓名", "性别", "身份证号", "岗位", "环节", "状态", "成绩", "名次", "准考证号"]


def list_title(filters: dict) -> str:
    """The name a bureau files the list under, from the filters that made it."""
    status, stage = filters.get("status"), filters.get("stage")
    if status == "submitted":
        return "资格审查名单"
    if status == "in_publicity":
        return "公示名单"
    if stage == stages.HIRE or status == "hired":
        return "拟聘用人员名单" if status != "hired" else "聘用人员名单"
    if filters.get("order") == "rank":
        return "成绩及排名"
    return "报名情况"


def list_cells(number: int, application) -> list:
    score = "缺考" if application.rank_basis == "absent" else application.total_score
    return [
        number,
        application.full_name,
        "男" if application.sex == "male" else "女",
        application.id_number_masked,
        f"{application.position.code} {application.position.title}",
        stages.label(application.stage),
        str(application.get_status_display()),
        score,
        application.rank,
        application.ticket_number,
    ]


def application_list_workbook(announcement, title: str, applications, printed: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    append_row(sheet, [f"{announcement.title} · {title}"])
    append_row(sheet, [f"{announcement.agency.name} · 导出时间 {printed}"])
    append_row(sheet, LIST_COLUMNS)
    for number, application in enumerate(applications, start=1):
        append_row(sheet, list_cells(number, application))
    sheet.print_title_rows = "3:3"  # the header row repeats on every printed page
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
