"""Payslips (PDF), the bank transfer file and the summary workbook of a payroll run."""

import io

from openpyxl import Workbook
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from auxpolice.core.pdf import FONT
from auxpolice.core.sheets import append_row

from .models import BankAccount, PayrollLine, PayrollRun

SLIP_ROWS = [
    ("基本工资", "base"),
    ("层级工资", "tier_pay"),
    ("岗位津贴", "post_allowance"),
    ("绩效工资", "performance"),
    ("加班工资", "overtime_pay"),
    ("试用期减发（劳动合同法第二十条）", "probation_deduction"),
    ("事假扣款", "leave_deduction"),
    ("应发合计", "gross"),
    ("养老保险（个人）", "pension_employee"),
    ("医疗保险（个人）", "medical_employee"),
    ("失业保险（个人）", "unemployment_employee"),
    ("住房公积金（个人）", "housing_fund_employee"),
    ("本月专项附加扣除（计税时扣除，不减实发）", "special_deductions"),
    ("代扣个人所得税", "income_tax"),
    ("实发金额", "net"),
]


def _slip(pdf, line: PayrollLine, run: PayrollRun) -> None:
    width, height = A5
    pdf.setFont(FONT, 14)
    pdf.drawCentredString(width / 2, height - 16 * mm, f"{run.agency.name} {run.month:%Y年%m月} 工资条")
    pdf.setFont(FONT, 10)
    y = height - 28 * mm
    for text in (
        f"姓名：{line.officer.full_name}",
        f"单位：{line.agency.name}",
        f"层级：{line.tier or '—'}    考核等次：{line.grade or '—'}",
        f"计薪天数：{line.days_paid}/{line.days_in_month}    缴费基数：{line.contribution_base}",
    ):
        pdf.drawString(15 * mm, y, text)
        y -= 6 * mm
    y -= 2 * mm
    for label, field in SLIP_ROWS:
        pdf.drawString(15 * mm, y, label)
        pdf.drawRightString(width - 15 * mm, y, f"{getattr(line, field):,.2f}")
        y -= 6 * mm
    if line.previous_gross is not None:
        pdf.drawString(15 * mm, y - 2 * mm, f"较上月应发：{line.gross - line.previous_gross:+,.2f}")
    pdf.setFont(FONT, 8)
    footer = "个税按累计预扣法计算，专项附加扣除为扣缴客户端报送的累计数；单位缴费不计入实发。"
    pdf.drawString(15 * mm, 10 * mm, footer)
    pdf.showPage()


def payslips(run: PayrollRun, lines) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A5)
    pdf.setTitle(f"工资条 {run.agency.name} {run.month:%Y-%m}")
    for line in lines:
        _slip(pdf, line, run)
    pdf.save()
    return buffer.getvalue()


def _book(headers: list[str], rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    append_row(sheet, headers)
    for row in rows:
        append_row(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bank_transfer(lines) -> bytes:
    """Name, bank, full account number, net pay: only for people with a salary account."""
    accounts = {
        a.officer_id: a
        for a in BankAccount.objects.filter(officer_id__in=[line.officer_id for line in lines])
    }
    rows = [
        (
            line.officer.full_name,
            accounts[line.officer_id].bank_name,
            accounts[line.officer_id].account_number,
            float(line.net),
        )
        for line in lines
        if line.officer_id in accounts
    ]
    return _book(["姓名", "开户银行", "账号", "实发金额"], rows)


def summary(run: PayrollRun, totals: list[dict]) -> bytes:
    rows = [
        (
            row["agency__name"],
            row["people"],
            float(row["gross"]),
            float(row["employee"]),
            float(row["tax"]),
            float(row["net"]),
            float(row["employer"]),
        )
        for row in totals
    ]
    return _book(["单位", "人数", "应发合计", "个人缴费", "代扣个税", "实发合计", "单位缴费"], rows)
