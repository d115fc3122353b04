"""Hostile and broken workbooks, built in memory, for the import tests."""

import io
import re
import zipfile

from openpyxl import Workbook


def workbook_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(content: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, change(data) if item.filename == name else data)
    return out.getvalue()


def dimension_bomb(rows) -> bytes:
    """A few kilobytes that declare every cell of the sheet (A1:XFD1048576)."""
    return _rewrite(
        workbook_bytes(rows),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )


def zip_bomb(rows, megabytes: int = 60) -> bytes:
    """A sheet padded with white space that deflates a thousandfold."""
    return _rewrite(
        workbook_bytes(rows),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (megabytes * 2**20)),
    )


def far_row(rows) -> bytes:
    """One cell a million rows down, no dimension: a reader that fills the gap would walk a million rows."""
    return _rewrite(
        workbook_bytes(rows),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml).replace(
            b"</sheetData>",
            b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )


CORRUPT = b"PK\x03\x04" + b"\x00" * 26 + b"not really a workbook"
