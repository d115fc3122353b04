"""Backup and restore: the database (pg_dump custom format, or SQLite's online backup) and the uploaded files,
in one tar.gz with a manifest of every table's row count and checksum, which restore verifies.

Encrypted columns stay encrypted in the archive: restoring needs the same FIELD_ENCRYPTION_KEYS and
FIELD_HMAC_KEY. Keep archives as carefully as the database itself.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from django.core.files import File
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.utils import timezone

from auxpolice.core.object_storage import stored_files

MANIFEST, DATABASE, MEDIA = "manifest.json", "database.dump", "media"


class BackupError(Exception):
    pass


def _pg_args(url: str) -> tuple[list[str], str]:
    parts = urlparse(url)
    args = [
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
    ]
    return args, parts.path.lstrip("/")


def _pg_env(url: str) -> dict:
    password = urlparse(url).password
    return {**os.environ, **({"PGPASSWORD": password} if password else {})}


def current_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "") + "@" if s["USER"] else ""
    return f"postgres://{auth}{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _row_hash(text: str) -> int:
    return int(hashlib.md5(text.encode()).hexdigest()[:15], 16)


# Order-independent table checksum: the sum of a 60-bit hash of each row's text (no giant strings at scale).
PG_DIGEST = (
    "SELECT count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0) "
    'FROM "{table}" t'
)


def _pg_digests(db) -> dict[str, dict]:
    tables = [
        r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    ]
    result = {}
    for table in tables:
        count, total = db.execute(PG_DIGEST.format(table=table)).fetchone()
        result[table] = {"rows": count, "sum": str(total)}
    return result


def _sqlite_digests(path: str) -> dict[str, dict]:
    db = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        result = {}
        for table in tables:
            hashes = [_row_hash(repr(row)) for row in db.execute(f'SELECT * FROM "{table}"')]
            result[table] = {"rows": len(hashes), "sum": str(sum(hashes))}
        return result
    finally:
        db.close()


def table_digests(url: str) -> dict[str, dict]:
    """Row count and checksum of every table (what restore must reproduce)."""
    if url.startswith("sqlite"):
        return _sqlite_digests(urlparse(url).path)
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        return _pg_digests(db)


def backup(output: Path, url: str | None = None) -> dict:
    """The dump and the manifest come from one snapshot of the database, so a busy system backs up
    consistently."""
    url = url or current_url()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE
        if url.startswith("sqlite"):
            source, target = sqlite3.connect(urlparse(url).path), sqlite3.connect(dump)
            with target:
                source.backup(target)
            source.close()
            target.close()
            tables = _sqlite_digests(str(dump))
        else:
            import psycopg

            args, name = _pg_args(url)
            with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
                db.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                db.read_only = True
                snapshot = db.execute("SELECT pg_export_snapshot()").fetchone()[0]
                subprocess.run(
                    ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", *args, "-f", str(dump), name],
                    check=True,
                    env=_pg_env(url),
                    capture_output=True,
                    timeout=3600,
                )
                tables = _pg_digests(db)
        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": "sqlite" if url.startswith("sqlite") else "postgresql",
            "tables": tables,
        }
        with tarfile.open(output, "w:gz") as archive:
            archive.add(dump, arcname=DATABASE)
            _archive_uploads(archive)
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return manifest


def _empty(url: str) -> bool:
    if url.startswith("sqlite"):
        path = Path(urlparse(url).path)
        return not path.exists() or path.stat().st_size == 0
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        return not db.execute("SELECT 1 FROM pg_tables WHERE schemaname = 'public' LIMIT 1").fetchone()


def _archive_uploads(archive: tarfile.TarFile) -> None:
    """Every uploaded file, read through the storage API (a local folder or the object store's bucket)."""
    for name in stored_files(default_storage):
        info = tarfile.TarInfo(f"{MEDIA}/{name}")
        info.size = default_storage.size(name)
        with default_storage.open(name, "rb") as stored:
            archive.addfile(info, stored)


def _restore_uploads(folder: Path) -> None:
    """Put the archive's files (extracted to `folder`) back under their own names in the storage."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as content:
            saved = default_storage.save(name, File(content, name=name))
        if saved != name:
            raise BackupError(f"The file {name} could not be restored under its own name (got {saved}).")


def restore(archive_path: Path, url: str) -> dict:
    """Restore into an empty database, put the files back into the configured storage, and check every table
    against the manifest."""
    if not _empty(url):
        raise BackupError("The target database is not empty: restore into a new, empty database.")
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(work, filter="data")
        manifest = json.loads((Path(work) / MANIFEST).read_text())
        dump = Path(work) / DATABASE
        if url.startswith("sqlite"):
            shutil.copyfile(dump, urlparse(url).path)
        else:
            args, name = _pg_args(url)
            result = subprocess.run(
                ["pg_restore", "--no-owner", "--exit-on-error", *args, "-d", name, str(dump)],
                env=_pg_env(url),
                capture_output=True,
                timeout=3600,
            )
            if result.returncode:
                raise BackupError(result.stderr.decode(errors="replace")[-2000:])
        _restore_uploads(Path(work) / MEDIA)
    restored = table_digests(url)
    differences = {
        table: (expected, restored.get(table))
        for table, expected in manifest["tables"].items()
        if restored.get(table) != expected
    }
    if differences:
        raise BackupError(f"Restored tables differ from the backup: {', '.join(sorted(differences))}")
    return manifest


STORED_PREFIX = "storage:"


def backup_to_storage(url: str | None = None) -> tuple[str, dict]:
    """An archive put into the backups storage (STORAGES["backups"]: a bucket of its own, or a local folder):
    no web or worker node's disk holds it. Returns the name to restore it by (`storage:<name>`)."""
    with tempfile.TemporaryDirectory() as work:
        archive = Path(work) / "backup.tar.gz"
        manifest = backup(archive, url)
        with archive.open("rb") as content:
            name = storages["backups"].save(
                f"auxpolice-{timezone.now():%Y%m%d-%H%M%S}.tar.gz", File(content, name="backup.tar.gz")
            )
    return name, manifest


def restore_from_storage(name: str, url: str) -> dict:
    with tempfile.TemporaryDirectory() as work:
        archive = Path(work) / "backup.tar.gz"
        if not storages["backups"].exists(name):
            raise BackupError(f"No archive named {name} in the backups storage.")
        with storages["backups"].open(name, "rb") as stored, archive.open("wb") as local:
            shutil.copyfileobj(stored, local)
        return restore(archive, url)
