"""An approved payroll cannot change, whoever writes to the database through the application's role:
a trigger refuses updates and deletes of an approved run and of its lines (PostgreSQL; the embedded SQLite
default relies on the service checks)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION compensation_refuse_approved_change() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'compensation_payrollrun' THEN
        IF OLD.status = 'approved' THEN
            RAISE EXCEPTION 'payroll run % is approved and locked', OLD.id USING ERRCODE = 'check_violation';
        END IF;
    ELSIF EXISTS (SELECT 1 FROM compensation_payrollrun WHERE id = OLD.run_id AND status = 'approved') THEN
        RAISE EXCEPTION 'payroll run % is approved and locked', OLD.run_id USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER payrollrun_locked BEFORE UPDATE OR DELETE ON compensation_payrollrun
    FOR EACH ROW EXECUTE FUNCTION compensation_refuse_approved_change();
CREATE TRIGGER payrollline_locked BEFORE UPDATE OR DELETE ON compensation_payrollline
    FOR EACH ROW EXECUTE FUNCTION compensation_refuse_approved_change();
"""
DROP = """
DROP TRIGGER IF EXISTS payrollline_locked ON compensation_payrollline;
DROP TRIGGER IF EXISTS payrollrun_locked ON compensation_payrollrun;
DROP FUNCTION IF EXISTS compensation_refuse_approved_change();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("compensation", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
