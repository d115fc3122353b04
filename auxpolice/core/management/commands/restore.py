"""python manage.py restore ARCHIVE --database-url postgres://…/new_empty_database"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from auxpolice.core import backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into an empty database (default: the configured one) and the "
        "configured file storage (uploads folder or bucket), then"
        " check every table's row count and checksum against the archive's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file, or storage:NAME as `backup` without a path printed")
        parser.add_argument("--database-url", default=None)

    def handle(self, *args, archive, database_url, **options):
        url = database_url or backup.current_url()
        try:
            if archive.startswith(backup.STORED_PREFIX):
                manifest = backup.restore_from_storage(archive.removeprefix(backup.STORED_PREFIX), url)
            else:
                manifest = backup.restore(Path(archive), url)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"restored {len(manifest['tables'])} tables, {rows:,} rows, all matching the backup "
            f"of {manifest['created_at']}"
        )
