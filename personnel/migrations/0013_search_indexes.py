"""Indexes the personnel search routes to: the last 4 characters of the ID number (an expression index, any
database) and, on PostgreSQL, a trigram index on the name that serves prefix and infix searches (pg_trgm, a
trusted extension the database owner may create). Built CONCURRENTLY: a province's table stays writable."""

import django.db.models.functions.text
from django.db import migrations, models

TRIGRAM = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS auxiliary_name_trgm_idx ON personnel_auxiliaryofficer "
    "USING gin (full_name gin_trgm_ops)"
)


def trigram_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
        schema_editor.execute(TRIGRAM, params=None)


def trigram_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS auxiliary_name_trgm_idx", params=None)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("personnel", "0012_leave_entitlements")]

    operations = [
        migrations.AddIndex(
            model_name="auxiliaryofficer",
            index=models.Index(
                django.db.models.functions.text.Right("id_number_masked", 4), name="auxiliary_id_last4_idx"
            ),
        ),
        migrations.RunPython(trigram_forward, trigram_backward),
    ]
