"""python manage.py backup var/backups/auxpolice-YYYYmmdd.tar.gz"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from auxpolice.core import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one archive with a manifest of every table."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path)

    def handle(self, *args, output, **options):
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            manifest = backup.backup(output)
        except Exception as error:  # pg_dump's own message is the useful one
            raise CommandError(f"Backup failed: {getattr(error, 'stderr', b'') or error}") from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(f"{output}: {len(manifest['tables'])} tables, {rows:,} rows")
