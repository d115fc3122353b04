"""A dump of the whole database (pg_dump, as a backup or a leak would take it) holds no resident ID number in
clear, nor a medical or vetting finding, nor a bank account number."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.db import connection

from auxpolice.rules.idnumber import check_character
from compensation.services import contributions
from personnel.services import conduct
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from tests.factories import QuotaFactory
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed"),
]
ID_PATTERN = re.compile(rb"(?<!\d)\d{17}[\dX](?!\d)")


def _valid(candidate: bytes) -> bool:
    text = candidate.decode()
    return check_character(text[:17]) == text[17]


def _dump() -> bytes:
    settings = connection.settings_dict
    command = [
        "pg_dump",
        "--data-only",
        "--no-owner",
        "-h",
        settings["HOST"] or "127.0.0.1",
        "-p",
        str(settings["PORT"] or 5432),
        "-U",
        settings["USER"] or "postgres",
        settings["NAME"],
    ]
    return subprocess.run(command, check=True, capture_output=True, timeout=120).stdout


def test_a_database_dump_contains_no_plain_id_number_finding_or_account(county_officer, wuhou):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs PostgreSQL")
    QuotaFactory(agency=wuhou, approved_total=10)
    first17 = "51010719900307123"
    officer_id = first17 + check_character(first17)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="王明", id_number=officer_id, category="service", hired_on=date(2026, 1, 5)
        ),
    )
    conduct.health_check_record(
        actor=county_officer,
        officer=person,
        checked_on=date(2026, 3, 1),
        fit_for_duty=True,
        findings="乙肝表面抗原阳性（保密）",
    )
    contributions.bank_account_set(
        actor=county_officer, officer=person, bank_name="农业银行", account_number="6228480012345678901"
    )
    applicant = applicant_with_profile(area="510107")
    apply(
        applicant,
        announcement_for(approved_plan(wuhou, county_officer, service=1), county_officer).positions.get(),
    )

    dump = _dump()

    assert person.id_number_masked.encode() in dump  # the dump did include the records, masked
    found = [match.decode() for match in ID_PATTERN.findall(dump) if _valid(match)]
    assert found == []
    assert officer_id.encode() not in dump
    assert "乙肝表面抗原阳性".encode() not in dump
    assert b"6228480012345678901" not in dump
