"""Writing the audit log. Call `record` inside the transaction of the change it describes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction

from throughcare.core import clock

from . import chain, fast, keys, shards
from .chain import GENESIS_HASH
from .context import current_request_id
from .models import AppendOnlyError, AuditEvent, Operation, Outcome, RecordType

__all__ = ["GENESIS_HASH", "AppendOnlyError", "record", "record_many"]

# The lock of the single chain, before it was sharded. Kept for the migrations that append to
# the log as it was then (`people.0002_alias_name_key`, `audit.0013_shards`).
_CHAIN_LOCK_KEY = 7_348_201_733

# From this many events a call, `record_many` appends them through `fast` (one template hashed
# per event, one COPY or executemany insert) instead of building an AuditEvent for each: from
# about 3 it is the quicker (25, a caseload page: 2.7 ms instead of 4.9 on SQLite, 4.7 instead
# of 5.4 on PostgreSQL at 250,000 people).
FAST_FROM = 3


def hashed_content(event: Any) -> dict[str, Any]:
    """What an event's hash covers (`chain.content`). Kept under this name for the migration
    `people.0002_alias_name_key`, which wrote unkeyed events before the chain was keyed."""
    return chain.content(event)


def event_hash(previous_hash: str, content: dict[str, Any]) -> str:
    """The hash of the content under the key it names (none: the unkeyed SHA-256). Kept for
    the migration `people.0002_alias_name_key`; new code uses `chain.hash_of`."""
    return chain.compute(previous_hash, content, str(content.get("key_id", keys.LEGACY_KEY_ID)))


def lock_chain() -> tuple[int, str, int]:
    """Locks a shard of the chain until the transaction ends and returns it, with the hash and
    the place the next event there takes (`shards.take`). Call it inside a transaction."""
    return shards.take()


def _event(
    *,
    user: Any,
    occurred_at: datetime,
    previous_hash: str,
    shard: int = 0,
    sequence: int | None = None,
    operation: Operation | str,
    record_type: str,
    record_id: object,
    person_id: uuid.UUID | str | None,
    outcome: Outcome | str = Outcome.ALLOWED,
    recipient: str = "",
    reason: str = "",
    fields: Iterable[str] = (),
    record_version: int | None = None,
) -> AuditEvent:
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    event = AuditEvent(
        occurred_at=occurred_at,
        user_id=user.pk if authenticated else None,
        user_email=user.email if authenticated else "",
        user_role=user.role if authenticated else "",
        person_id=uuid.UUID(str(person_id)) if person_id else None,
        record_type=record_type,
        record_id="" if record_id is None else str(record_id),
        record_version=record_version,
        operation=str(operation),
        outcome=str(outcome),
        recipient=recipient,
        reason=reason,
        request_id=current_request_id(),
        fields=sorted(fields),
        previous_hash=previous_hash,
        key_id=keys.current()[0],
        shard=shard,
        sequence=sequence,
    )
    event.hash = chain.hash_of(event)
    return event


def record(
    *,
    user: Any,
    operation: Operation | str,
    record_type: str,
    record_id: object = "",
    person_id: uuid.UUID | str | None = None,
    outcome: Outcome | str = Outcome.ALLOWED,
    recipient: str = "",
    reason: str = "",
    fields: Iterable[str] = (),
    record_version: int | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction (or its own)."""
    RecordType.for_new_event(record_type)  # a closed set: a typo fails before anything starts
    # No savepoint: an event that cannot be written rolls back the whole transaction it is in,
    # never only itself, and a change is never kept without its event (two round trips fewer).
    with transaction.atomic(savepoint=False):
        shard, previous_hash, sequence = lock_chain()
        event = _event(
            user=user,
            occurred_at=clock.now(),
            previous_hash=previous_hash,
            shard=shard,
            sequence=sequence,
            operation=operation,
            record_type=record_type,
            record_id=record_id,
            person_id=person_id,
            outcome=outcome,
            recipient=recipient,
            reason=reason,
            fields=fields,
            record_version=record_version,
        )
        event.save(force_insert=True)
        return event


def record_many(
    *,
    user: Any,
    operation: Operation | str,
    record_type: str,
    records: Iterable[tuple[uuid.UUID | None, object]],
    reason: str = "",
    fields: Iterable[str] = (),
) -> None:
    """One event for each (person id, record id) pair, chained and written in one insert:
    for lists and searches that show many people, and for bulk writes (through `fast` when
    there are many)."""
    records = list(records)
    fields = list(fields)
    if not records:
        return
    if len(records) >= FAST_FROM:
        fast.append(
            user=user,
            operation=operation,
            record_type=record_type,
            records=records,
            reason=reason,
            fields=fields,
        )
        return
    RecordType.for_new_event(record_type)
    with transaction.atomic(savepoint=False):  # as in `record`
        shard, previous, sequence = lock_chain()
        now = clock.now()
        events = []
        for number, (person_id, record_id) in enumerate(records):
            event = _event(
                user=user,
                occurred_at=now,
                previous_hash=previous,
                shard=shard,
                sequence=sequence + number,
                operation=operation,
                record_type=record_type,
                record_id=record_id,
                person_id=person_id,
                reason=reason,
                fields=fields,
            )
            previous = event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=500)


def fields_changed_since(*, record_type: str, record_id: object, version: int) -> set[str]:
    """Names of the fields changed on a record after the given version: what someone else
    changed while a user was editing a copy of that version."""
    changed: set[str] = set()
    for fields in AuditEvent.objects.filter(
        record_type=record_type,
        record_id=str(record_id),
        record_version__gt=version,
        operation=Operation.ALTERATION,
    ).values_list("fields", flat=True):
        changed.update(fields)
    return changed
