"""Workbooks of core's own pages (the access log)."""

from django.utils.timezone import localtime
from openpyxl import Workbook

from .sheets import append_row


def access_log_workbook(log: dict) -> Workbook:
    book = Workbook(write_only=True)
    for title, entries in log["sections"].values():
        sheet = book.create_sheet(str(title)[:31])
        append_row(sheet, ["时间", "查看人", "被查看人", "单位", "内容", "地址"])
        for entry in entries:
            append_row(
                sheet,
                [
                    localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                    str(entry.user),
                    entry.person,
                    entry.agency,
                    entry.kind,
                    entry.address or "",
                ],
            )
    sheet = book.create_sheet("账户变更")
    append_row(sheet, ["时间", "操作人", "账户", "变更项", "变更前", "变更后", "地址"])
    for change in log["accounts"]:
        append_row(
            sheet,
            [
                localtime(change.at).strftime("%Y-%m-%d %H:%M:%S"),
                str(change.actor or "服务器（manage.py）"),
                change.user.username,
                change.field,
                change.old,
                change.new,
                change.address or "",
            ],
        )
    return book
