"""Eligibility decisions move off the application row, no application index holds status or rank, and the
table keeps 60% of each page free: a ranking's update of a candidate it does not advance then changes no
indexed column and fits on the row's page, so PostgreSQL writes it in place (HOT) without touching an index
(see the note on Application.Meta.indexes). Rows already stored gain the free space when the table is next
rewritten (VACUUM FULL, or pg_repack on a busy server); new and updated rows have it at once."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FILLFACTOR = 40  # rows are ~0.8 KB: at 50 a page of four had no room for all four new versions


def copy_decisions(apps, schema_editor):
    # One statement, whatever the number of applications. The time of the decision was not kept: the
    # submission time stands for it. Purged applications kept none.
    schema_editor.execute(
        "INSERT INTO recruitment_eligibilitydecision (application_id, decided_at, decision) "
        "SELECT id, submitted_at, eligibility FROM recruitment_application WHERE purged_at IS NULL"
    )


def copy_back(apps, schema_editor):
    schema_editor.execute(
        "UPDATE recruitment_application SET eligibility = (SELECT d.decision FROM "
        "recruitment_eligibilitydecision d WHERE d.application_id = recruitment_application.id "
        "ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) WHERE EXISTS (SELECT 1 FROM "
        "recruitment_eligibilitydecision d WHERE d.application_id = recruitment_application.id)"
    )


def set_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE recruitment_application SET (fillfactor = {FILLFACTOR})")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE recruitment_application RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0014_api_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EligibilityDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("decided_at", models.DateTimeField(verbose_name="decided at")),
                ("decision", models.JSONField(verbose_name="eligibility check")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="eligibility_decisions",
                        to="recruitment.application",
                    ),
                ),
            ],
            options={
                "verbose_name": "eligibility decision",
                "verbose_name_plural": "eligibility decisions",
            },
        ),
        migrations.RunPython(copy_decisions, copy_back),
        migrations.RemoveField(model_name="application", name="eligibility"),
        migrations.RemoveIndex(model_name="application", name="application_list_idx"),
        migrations.RemoveIndex(model_name="application", name="application_stage_idx"),
        migrations.RemoveIndex(model_name="application", name="application_rank_idx"),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["announcement", "id"], name="application_announcement_idx"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["position", "stage"], name="application_position_stage_idx"),
        ),
        migrations.RunPython(set_fillfactor, reset_fillfactor),
    ]
