"""On PostgreSQL, `audit_take_shard(lock_class, shard, wait)`: takes a shard's lock for the
rest of the transaction and reads the shard's head in one round trip (throughcare.audit.shards).

It is a VOLATILE PL/pgSQL function because, in READ COMMITTED, each statement inside such a
function takes a fresh snapshot: the head it reads is taken after the lock is granted, so it
sees every event committed by the transaction that held the lock before. One plain statement
(`SELECT pg_try_advisory_xact_lock(...), (SELECT ... head ...)`) would read the head from a
snapshot taken before the lock, and could fork the chain. It runs with its caller's rights
(SECURITY INVOKER), so the application's role reads the audit table as it always could."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_take_shard(lock_class integer, wanted integer, wait boolean)
RETURNS TABLE (taken boolean, head_sequence bigint, head_hash text)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
BEGIN
    IF wait THEN
        PERFORM pg_advisory_xact_lock(lock_class, wanted);
    ELSIF NOT pg_try_advisory_xact_lock(lock_class, wanted) THEN
        RETURN QUERY SELECT false, NULL::bigint, NULL::text;
        RETURN;
    END IF;
    RETURN QUERY
        SELECT true, event.sequence::bigint, event.hash::text
        FROM audit_auditevent AS event
        WHERE event.shard = wanted AND event.sequence IS NOT NULL
        ORDER BY event.sequence DESC
        LIMIT 1;
    IF NOT FOUND THEN
        RETURN QUERY SELECT true, NULL::bigint, NULL::text;
    END IF;
END;
$$;
"""
DROP = "DROP FUNCTION IF EXISTS audit_take_shard(integer, integer, boolean);"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0020_outcomes")]
    operations = [migrations.RunPython(create, drop)]
