"""What an insider with the database owner's rights can do to the audit table, for the tests:
on PostgreSQL they first disable the append-only trigger, as the table's owner may."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

from throughcare.audit import chain
from throughcare.audit.models import AuditEvent

# Every column but the id.
COLUMNS = [str(f.column) for f in AuditEvent._meta.concrete_fields if f.column != "id"]


@contextmanager
def tampering() -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
            )
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only"
                )


def execute(sql: str, params: Sequence[Any] = ()) -> None:
    with tampering(), connection.cursor() as cursor:
        cursor.execute(sql, list(params))


def without_key(previous_hash: str, event: Any) -> str:
    """What an insider without the audit key can compute: the plain SHA-256 of the content."""
    text = json.dumps(chain.content(event), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((previous_hash + text).encode()).hexdigest()


def insert(event: AuditEvent) -> int:
    """Writes a row as plain SQL would (no save(), no chain lock), returning its id."""
    AuditEvent.objects.bulk_create([event])
    return int(AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0])


def forged_after(last: AuditEvent, **changes: Any) -> AuditEvent:
    """An event that follows `last`, as an insider would write one: the current key's id
    copied, the hash computed without the key."""
    values: dict[str, Any] = {
        "occurred_at": last.occurred_at + datetime.timedelta(seconds=1),
        "user_email": "someone@test.example",
        "user_role": "spo",
        "record_type": "person",
        "record_id": "42",
        "operation": "consultation",
        "previous_hash": last.hash,
        "key_id": last.key_id,
        "shard": last.shard,
        "sequence": None if last.sequence is None else last.sequence + 1,
    }
    event = AuditEvent(**{**values, **changes})
    event.hash = without_key(last.hash, event)
    return event
