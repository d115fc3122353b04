"""A backup restored into an empty database reproduces every row of every table, and the uploaded files."""

import shutil
from datetime import date

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from auxpolice.core import backup
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from recruitment.services import portal
from tests.factories import QuotaFactory
from tests.recruitment.builders import applicant_with_profile, id_number

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("pg_restore"), reason="pg_dump/pg_restore are not installed"),
]


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


ON_EITHER_STORAGE = pytest.mark.parametrize(
    "storage", ["as_configured", pytest.param("local_folder", marks=pytest.mark.filesystem_storage)]
)


@ON_EITHER_STORAGE
def test_restore_reproduces_every_row_and_file(tmp_path, empty_database, county_officer, wuhou, storage):
    QuotaFactory(agency=wuhou, approved_total=3)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="王明",
            id_number=id_number(date(1990, 3, 7)),
            category="service",
            hired_on=date(2026, 1, 5),
        ),
    )
    applicant = applicant_with_profile()
    document = portal.document_upload(
        user=applicant,
        kind="photo",
        upload=SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"7" * 64, content_type="image/png"),
    )
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    default_storage.delete(document.file.name)  # a new bucket (or folder) for the restored system

    call_command("restore", str(archive), database_url=empty_database)

    source, restored = backup.table_digests(backup.current_url()), backup.table_digests(empty_database)
    assert restored == source and source["personnel_auxiliaryofficer"]["rows"] == 1
    assert source["personnel_historicalauxiliaryofficer"]["rows"] >= 1
    with psycopg.connect(empty_database.replace("postgres://", "postgresql://", 1)) as db:
        [(cipher,)] = db.execute(
            "SELECT id_number FROM personnel_auxiliaryofficer WHERE id = %s", [person.pk]
        )
    from auxpolice.core.crypto import decrypt

    assert decrypt(cipher) == person.id_number  # the same keys read the restored data
    with default_storage.open(document.file.name, "rb") as restored_file:
        assert restored_file.read() == b"\x89PNG\r\n\x1a\n" + b"7" * 64


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, db):
    if connection.vendor != "postgresql":
        pytest.skip("tested on PostgreSQL")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))  # the configured database holds the data


@ON_EITHER_STORAGE
def test_an_archive_kept_in_the_backups_storage_restores_by_its_name(tmp_path, storage, capsys):
    import sqlite3

    from django.core.files.storage import storages

    default_storage.save("applicants/b.png", ContentFile(b"\x89PNG-2"))
    source = tmp_path / "source.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO person (name) VALUES ('王明')")
    name, manifest = backup.backup_to_storage(f"sqlite:///{source}")
    assert storages["backups"].exists(name) and not default_storage.exists(name)
    default_storage.delete("applicants/b.png")
    target = tmp_path / "restored.sqlite3"
    call_command("restore", f"storage:{name}", database_url=f"sqlite:///{target}")
    assert backup.table_digests(f"sqlite:///{target}") == manifest["tables"]
    with default_storage.open("applicants/b.png", "rb") as restored_file:
        assert restored_file.read() == b"\x89PNG-2"
    with pytest.raises(CommandError, match="No archive named"):
        call_command("restore", "storage:nothing.tar.gz", database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")


@ON_EITHER_STORAGE
def test_the_embedded_sqlite_default_round_trips_too(tmp_path, storage):
    import sqlite3

    default_storage.save("applicants/a.png", ContentFile(b"\x89PNG-1"))
    source = tmp_path / "source.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, token TEXT)")
        db.executemany(
            "INSERT INTO person (name, token) VALUES (?, ?)", [("王明", "v1:k:abc"), ("李华", None)]
        )
    archive = tmp_path / "b.tar.gz"
    manifest = backup.backup(archive, f"sqlite:///{source}")
    target = tmp_path / "restored.sqlite3"
    default_storage.delete("applicants/a.png")
    backup.restore(archive, f"sqlite:///{target}")
    assert backup.table_digests(f"sqlite:///{target}") == manifest["tables"]
    assert manifest["tables"]["person"]["rows"] == 2
    with default_storage.open("applicants/a.png", "rb") as restored_file:
        assert restored_file.read() == b"\x89PNG-1"
    with pytest.raises(backup.BackupError):
        backup.restore(archive, f"sqlite:///{target}")  # not empty any more
