"""Files the application hands out (workbooks, PDFs): one way to answer with them. They hold personal data,
so none may stay in a shared or browser cache."""

import io

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str, disposition: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def xlsx_response(content: bytes | Workbook, filename: str) -> HttpResponse:
    if isinstance(content, Workbook):
        buffer = io.BytesIO()
        content.save(buffer)
        content = buffer.getvalue()
    return _download(content, XLSX, filename, "attachment")


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return _download(content, "application/pdf", filename, "inline")
