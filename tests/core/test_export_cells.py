"""No exported cell is a formula: user text that starts like one is written as text (OWASP CSV injection)."""

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from auxpolice.core.sheets import append_row
from personnel.services.auxiliaries import auxiliary_update
from recruitment import documents
from tests.conftest import client_for
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire

ROOT = Path(__file__).resolve().parents[2]
ATTACKS = [
    '=HYPERLINK("http://evil","点我")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def cells(content: bytes):
    return [cell for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_looks_like_a_formula_is_written_as_text_and_shown_as_typed(text):
    for book in (Workbook(), Workbook(write_only=True)):
        sheet = book.active if book.worksheets else book.create_sheet()
        append_row(sheet, [text, 3, -4, "普通文字"])
        out = io.BytesIO()
        book.save(out)
        first, number, negative, plain = cells(out.getvalue())[:4]
        assert (first.data_type, first.quotePrefix) == ("s", True)
        assert first.value.lstrip("\t\r\n") == text.lstrip("\t\r\n")  # XML may fold the CR
        assert (number.value, negative.value, plain.value, plain.quotePrefix) == (3, -4, "普通文字", False)


def test_an_applicants_name_is_inert_in_the_officers_score_template():
    applicant = SimpleNamespace(
        ticket_number="2026001", full_name=ATTACKS[1], position=SimpleNamespace(code="P01")
    )
    written = cells(documents.score_template([applicant], "exam"))
    assert not [c for c in written if c.data_type == "f"]
    assert any(c.value == ATTACKS[1] and c.quotePrefix for c in written)


def test_an_officer_entered_post_is_inert_in_the_personnel_export(client, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=2)
    person = hire(county_officer, wuhou)
    auxiliary_update(actor=county_officer, officer=person, post=ATTACKS[0])
    response = client_for(client, county_officer).get(reverse("auxiliary_export"))
    written = cells(response.content)
    assert not [c for c in written if c.data_type == "f"]
    assert any(c.value == ATTACKS[0] and c.quotePrefix for c in written)


def test_every_export_writes_rows_through_the_one_helper():
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if {".venv", "tests", "bench"} & set(path.parts) or path.name == "sheets.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "openpyxl" in text and ("sheet.append(" in text or ".cell(" in text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
