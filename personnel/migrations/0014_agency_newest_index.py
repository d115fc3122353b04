"""The (agency, id) index that the personnel list's newest-first page probes once per agency in a narrow scope
(personnel.selectors._newest_per_agency); it leads with the agency, so the foreign key's own index goes. Built
CONCURRENTLY on PostgreSQL: a province's table stays writable."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = models.Index(fields=["agency", "id"], name="auxiliary_agency_newest_idx")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS auxiliary_agency_newest_idx "
            "ON personnel_auxiliaryofficer (agency_id, id)",
            params=None,
        )
    else:
        schema_editor.add_index(apps.get_model("personnel", "AuxiliaryOfficer"), INDEX)


def drop_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("personnel", "AuxiliaryOfficer"), INDEX)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("personnel", "0013_search_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="auxiliaryofficer", index=INDEX)],
            database_operations=[migrations.RunPython(create_index, drop_index)],
        ),
        migrations.AlterField(
            model_name="auxiliaryofficer",
            name="agency",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="auxiliaries",
                to="core.agency",
                verbose_name="agency",
            ),
        ),
    ]
