"""Appending many events of one kind to the chain without building each one: for bulk writes
(`services.record_many` sends its large batches here).

The events of one call differ only in their person, record and place in the shard. So the JSON
that an event's hash covers is made once, by `chain.content`, with stand-ins for those three
values; each event's payload is that template with its own values put in, hashed under the
same key as `chain.compute` would. The first event of each call is checked against
`chain.matches` (the chain's own code), so a change to what the hash covers cannot go unseen.
The events are written in one insert (`core.rows.write`), in the caller's transaction, to the
shard it locks (`shards.take`), with gapless sequences.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from django.db import transaction

from throughcare.core import clock, rows

from . import chain, keys, shards
from .context import current_request_id
from .models import AuditEvent, Operation, Outcome, RecordType

_COLUMNS = [c for c in rows.columns(AuditEvent) if c != "id"]
# Stand-ins for the three values that change from event to event, found again in the JSON.
_PERSON, _RECORD, _SEQUENCE = "\x00person\x00", "\x00record\x00", "\x00sequence\x00"
_AT = {name: _COLUMNS.index(name) for name in ("person_id", "record_id", "previous_hash", "hash")}
_SEQUENCE_AT = _COLUMNS.index("sequence")


def _probe(user: Any, key_id: str, shard: int, previous: str, **event: Any) -> SimpleNamespace:
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return SimpleNamespace(
        occurred_at=clock.now(),
        user_id=user.pk if authenticated else None,
        user_email=user.email if authenticated else "",
        user_role=user.role if authenticated else "",
        person_id=_PERSON,
        record_id=_RECORD,
        record_version=None,
        outcome=str(Outcome.ALLOWED),
        recipient="",
        request_id=current_request_id(),
        key_id=key_id,
        previous_hash=previous,
        shard=shard,
        sequence=_SEQUENCE,
        **event,
    )


def _template(probe: SimpleNamespace) -> tuple[str, str, str, str]:
    """The event's JSON cut at the three stand-ins: (head, middle, between, tail)."""
    text = json.dumps(chain.content(probe), sort_keys=True, separators=(",", ":"), default=str)
    # The keys are sorted: person_id comes before record_id, and record_id before sequence.
    head, rest = text.split(json.dumps(_PERSON))
    middle, rest = rest.split(json.dumps(_RECORD))
    between, tail = rest.split(json.dumps(_SEQUENCE))
    if _RECORD in head or _SEQUENCE in head + middle:
        raise AssertionError("the audit content changed its order")  # pragma: no cover
    return head, middle, between, tail


def append(
    *,
    user: Any,
    operation: Operation | str,
    record_type: str,
    records: Sequence[tuple[uuid.UUID | str | None, object]],
    reason: str = "",
    fields: Iterable[str] = (),
) -> None:
    """One event for each (person id, record id), appended to the chain as
    `services.record_many` appends them, in the caller's transaction (or its own)."""
    if not records:
        return
    RecordType.for_new_event(record_type)  # a closed set: a typo fails, unwritten
    with transaction.atomic(savepoint=False):  # as `services.record`: no savepoint
        # As `services.lock_chain`: this transaction's shard, its head hash and next place.
        shard, previous, sequence = shards.take()
        key_id = keys.current()[0]
        probe = _probe(
            user,
            key_id,
            shard,
            previous,
            record_type=record_type,
            operation=str(operation),
            reason=reason,
            fields=sorted(fields),
        )
        head, middle, between, tail = _template(probe)
        keyed = hmac.new(keys.secret(key_id), digestmod=hashlib.sha256) if key_id else None
        fixed = [getattr(probe, c, None) for c in _COLUMNS]
        written = []
        for number, (person_id, record_id) in enumerate(records):
            person = uuid.UUID(str(person_id)) if person_id else None
            record = "" if record_id is None else str(record_id)
            place = sequence + number
            payload = (
                f"{previous}{head}{json.dumps(str(person) if person else None)}{middle}"
                f"{json.dumps(record)}{between}{place}{tail}"
            ).encode()
            if keyed is None:
                digest = hashlib.sha256(payload).hexdigest()
            else:
                mac = keyed.copy()
                mac.update(payload)
                digest = mac.hexdigest()
            row = list(fixed)
            row[_AT["person_id"]], row[_AT["record_id"]] = person, record
            row[_AT["previous_hash"]], row[_AT["hash"]], row[_SEQUENCE_AT] = previous, digest, place
            if number == 0:
                _check(row)
            written.append(row)
            previous = digest
        rows.write(AuditEvent, written, _COLUMNS)


def _check(row: list[Any]) -> None:
    """The fast hash is the chain's own, for the first event of each call."""
    event = SimpleNamespace(**dict(zip(_COLUMNS, row, strict=True)))
    if not chain.matches(event):
        raise AssertionError("the fast audit event's hash is not the chain's")  # pragma: no cover
