"""Audit retention (MLPS level 3): history rows and access logs are kept at least six months and cannot be
changed by the application's own database role. On PostgreSQL a trigger on every history table and access log
refuses any UPDATE, and any DELETE of a row younger than `KEEP_DAYS`. Installed after every migrate, so a new
business model's history table is guarded from its first migration. (The embedded SQLite default has no such
guard; production runs on PostgreSQL.)"""

from django.apps import apps
from django.db import connections

KEEP_DAYS = 184  # six calendar months, whichever six

ACCESS_LOGS = {
    "personnel_sensitiveaccess": "at",
    "recruitment_sensitiveresultaccess": "at",
    "core_accountchange": "at",
}

FUNCTION = f"""
CREATE OR REPLACE FUNCTION auxpolice_audit_guard() RETURNS trigger AS $$
DECLARE
    stamp timestamptz;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit rows in % cannot be changed', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('SELECT ($1).%I', TG_ARGV[0]) INTO stamp USING OLD;
    IF stamp > now() - interval '{KEEP_DAYS} days' THEN
        RAISE EXCEPTION 'audit rows in % are kept {KEEP_DAYS} days', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END $$ LANGUAGE plpgsql;
"""


def guarded_tables() -> dict[str, str]:
    """Table -> its timestamp column: every simple-history table and the access logs."""
    tables = dict(ACCESS_LOGS)
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_date"):
            tables[model._meta.db_table] = "history_date"
    return tables


def install(using: str = "default", **_kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(FUNCTION, None)
        for table, column in guarded_tables().items():
            if table not in existing:
                continue
            cursor.execute(f'DROP TRIGGER IF EXISTS audit_guard ON "{table}"', None)
            cursor.execute(
                f'CREATE TRIGGER audit_guard BEFORE UPDATE OR DELETE ON "{table}" FOR EACH ROW '
                f"EXECUTE FUNCTION auxpolice_audit_guard('{column}')",
                None,
            )
