"""Drops the audit table's indexes that no query uses (issue 15, docs/decisions.md):

- the two `..._like` indexes PostgreSQL gets for the unique hash columns (`hash`,
  `previous_hash`): Django makes them for LIKE prefix searches, and nothing searches the hashes
  that way (the unique indexes themselves stay: they keep the chain from forking and find an
  event by its hash);
- the index on `person_id` alone: every query on `person_id` (who has seen a record, the
  disclosures in a subject access export) uses the `(person_id, occurred_at)` index, whose first
  column it is.

Dropping an index rewrites no row.
"""

from typing import Any

from django.db import migrations, models

FIND_LIKE = """
SELECT indexname FROM pg_indexes
WHERE schemaname = current_schema() AND tablename = 'audit_auditevent'
  AND indexname LIKE 'audit_auditevent\\_%%\\_like'
"""


def drop_like_indexes(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(FIND_LIKE)
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")


def make_like_indexes(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    for column in ("hash", "previous_hash"):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS audit_auditevent_{column}_like "
            f"ON audit_auditevent ({column} varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0013_shards")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="person_id",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.RunPython(drop_like_indexes, make_like_indexes),
    ]
