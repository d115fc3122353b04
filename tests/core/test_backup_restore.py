"""A backup restored into an empty database reproduces every row of every table, and the uploaded files."""

import shutil
from datetime import date

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from auxpolice.core import backup
from personnel.services import auxiliary_create
from recruitment.services import portal
from tests.factories import QuotaFactory
from tests.recruitment.builders import applicant_with_profile, id_number

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not shutil.which("pg_restore"), reason="pg_dump/pg_restore are not installed")]


@pytest.fixture
def empty_database():
    if connection.vendor != "postgresql":
        pytest.skip("the round trip is tested on PostgreSQL")
    source = backup.current_url()
    name = connection.settings_dict["NAME"] + "_restored"
    admin = source.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    yield source.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_reproduces_every_row_and_file(tmp_path, empty_database, county_officer, wuhou, settings):
    QuotaFactory(agency=wuhou, approved_total=3)
    person = auxiliary_create(actor=county_officer, agency=wuhou, full_name="王明", id_number=id_number(date(1990, 3, 7)),
                              category="service", hired_on=date(2026, 1, 5))
    applicant = applicant_with_profile()
    document = portal.document_upload(user=applicant, kind="photo", upload=SimpleUploadedFile(
        "p.png", b"\x89PNG\r\n\x1a\n" + b"7" * 64, content_type="image/png"))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    restored_media = tmp_path / "restored-media"

    call_command("restore", str(archive), database_url=empty_database, media_root=restored_media)

    source, restored = backup.table_digests(backup.current_url()), backup.table_digests(empty_database)
    assert restored == source and source["personnel_auxiliaryofficer"]["rows"] == 1
    assert source["personnel_historicalauxiliaryofficer"]["rows"] >= 1
    with psycopg.connect(empty_database.replace("postgres://", "postgresql://", 1)) as db:
        [(cipher,)] = db.execute("SELECT id_number FROM personnel_auxiliaryofficer WHERE id = %s", [person.pk])
    from auxpolice.core.crypto import decrypt
    assert decrypt(cipher) == person.id_number  # the same keys read the restored data
    assert (restored_media / document.file.name).read_bytes() == b"\x89PNG\r\n\x1a\n" + b"7" * 64


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, db):
    if connection.vendor != "postgresql":
        pytest.skip("tested on PostgreSQL")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))  # the configured database holds the data
