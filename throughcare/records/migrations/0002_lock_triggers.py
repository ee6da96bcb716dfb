"""Below the ORM, the database itself refuses to change a locked version of a signed document
(UPDATE or DELETE of a row whose state is 'locked') and to change or remove a comment: a
trigger on PostgreSQL and on SQLite. Each raises with a message naming the refusal.

On SQLite, a migration that rebuilds one of these tables (SQLite's way of altering a column)
drops its triggers with the old table: such a migration must create them again
(`create_triggers` below), and the tests of the lock fail until it does.
"""

from django.db import migrations

LOCKED = "A locked version cannot change"
COMMENT = "Comments on a version are append-only"

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION records_refuse_locked_version() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{LOCKED}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER records_version_locked
    BEFORE UPDATE OR DELETE ON records_version
    FOR EACH ROW WHEN (OLD.state = 'locked') EXECUTE FUNCTION records_refuse_locked_version();
CREATE OR REPLACE FUNCTION records_refuse_comment_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{COMMENT}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER records_comment_append_only
    BEFORE UPDATE OR DELETE ON records_comment
    FOR EACH ROW EXECUTE FUNCTION records_refuse_comment_change();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS records_version_locked ON records_version;
DROP FUNCTION IF EXISTS records_refuse_locked_version();
DROP TRIGGER IF EXISTS records_comment_append_only ON records_comment;
DROP FUNCTION IF EXISTS records_refuse_comment_change();
"""

SQLITE = [
    f"""CREATE TRIGGER records_version_locked_update BEFORE UPDATE ON records_version
    FOR EACH ROW WHEN OLD.state = 'locked'
    BEGIN SELECT RAISE(ABORT, '{LOCKED}: UPDATE refused'); END""",
    f"""CREATE TRIGGER records_version_locked_delete BEFORE DELETE ON records_version
    FOR EACH ROW WHEN OLD.state = 'locked'
    BEGIN SELECT RAISE(ABORT, '{LOCKED}: DELETE refused'); END""",
    f"""CREATE TRIGGER records_comment_no_update BEFORE UPDATE ON records_comment
    FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{COMMENT}: UPDATE refused'); END""",
    f"""CREATE TRIGGER records_comment_no_delete BEFORE DELETE ON records_comment
    FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{COMMENT}: DELETE refused'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS records_version_locked_update",
    "DROP TRIGGER IF EXISTS records_version_locked_delete",
    "DROP TRIGGER IF EXISTS records_comment_no_update",
    "DROP TRIGGER IF EXISTS records_comment_no_delete",
]


def create_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
