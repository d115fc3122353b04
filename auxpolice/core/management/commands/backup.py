"""python manage.py backup [var/backups/auxpolice-YYYYmmdd.tar.gz]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from auxpolice.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database and uploaded files into one archive with a manifest of every table: to OUTPUT, "
        "or without it into the backups storage (S3_BACKUP_BUCKET, else BACKUP_ROOT)."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, nargs="?")

    def handle(self, *args, output, **options):
        try:
            if output is None:
                name, manifest = backup.backup_to_storage()
                where = f"{backup.STORED_PREFIX}{name}"
            else:
                output.parent.mkdir(parents=True, exist_ok=True)
                manifest, where = backup.backup(output), str(output)
        except Exception as error:  # pg_dump's own message is the useful one
            raise CommandError(f"Backup failed: {getattr(error, 'stderr', b'') or error}") from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(f"{where}: {len(manifest['tables'])} tables, {rows:,} rows")
