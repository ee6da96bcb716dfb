"""On PostgreSQL, a trigger refuses TRUNCATE on the audit log too (0002 refuses UPDATE and
DELETE), and nobody but the owner holds any right on the table until `migrate` grants the
application's role SELECT and INSERT (throughcare.audit.roles)."""

from django.db import migrations

CREATE = """
CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
REVOKE ALL ON TABLE audit_auditevent FROM PUBLIC;
"""
DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
"""


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_seal_unkeyed_events")]
    operations = [migrations.RunPython(create, drop)]
