"""How an event's hash is made: over the previous event's hash and the event's content.

Since the chain was keyed, the hash is an HMAC-SHA256 under an audit key from the environment
(`keys`), so someone who can write to the database but does not hold the key cannot recompute
the chain after editing an event, nor append an event of their own. The events from before
(key id empty) keep their plain SHA-256, as they were written.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from typing import Any

from . import keys

GENESIS_HASH = "0" * 64


def genesis(shard: int) -> str:
    """The hash the first event of a shard follows: 64 hex digits of the shard's number, so
    shard 0 starts where the single chain always did and no two shards start alike (the
    previous hash is unique across the whole log)."""
    return format(shard, "064x")


# The fields an event's hash covers, in the keyed form. The audit export carries every one of
# them, so that a CSV export can be verified on its own (`verify_audit --csv`).
KEYED_FIELDS = (
    "key_id",
    "shard",
    "sequence",
    "occurred_at",
    "user_id",
    "user_email",
    "user_role",
    "person_id",
    "record_type",
    "record_id",
    "record_version",
    "operation",
    "outcome",
    "recipient",
    "reason",
    "request_id",
    "fields",
)


def utc_timestamp(value: datetime.datetime) -> str:
    """A moment as the keyed hash covers it: UTC, to the microsecond, whatever time zone the
    value is in when it is hashed (written, read back or typed from an export)."""
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def content(event: Any) -> dict[str, Any]:
    """What the event's hash covers. The unkeyed events keep the content they were hashed
    with (no key id, the time as the database returns it), and the events from before the
    chain was sharded theirs (no shard, no sequence)."""
    values: dict[str, Any] = {
        "occurred_at": event.occurred_at.isoformat(),
        "user_id": event.user_id,
        "user_email": event.user_email,
        "user_role": event.user_role,
        "person_id": str(event.person_id) if event.person_id else None,
        "record_type": event.record_type,
        "record_id": event.record_id,
        "record_version": event.record_version,
        "operation": event.operation,
        "outcome": event.outcome,
        "recipient": event.recipient,
        "reason": event.reason,
        "request_id": event.request_id,
        "fields": list(event.fields),
    }
    key_id = getattr(event, "key_id", keys.LEGACY_KEY_ID)
    if key_id != keys.LEGACY_KEY_ID:
        values["key_id"] = key_id
        values["occurred_at"] = utc_timestamp(event.occurred_at)
    sequence = getattr(event, "sequence", None)
    if sequence is not None:
        values["shard"] = event.shard
        values["sequence"] = sequence
    return values


def _payload(previous_hash: str, values: dict[str, Any]) -> bytes:
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)
    return (previous_hash + text).encode()


def compute(previous_hash: str, values: dict[str, Any], key_id: str) -> str:
    """The hash of content that follows `previous_hash`, under the key `key_id` (KeyError if
    that key is not configured)."""
    payload = _payload(previous_hash, values)
    if key_id == keys.LEGACY_KEY_ID:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(keys.secret(key_id), payload, hashlib.sha256).hexdigest()


def hash_of(event: Any) -> str:
    """The hash the event should carry, given its content, its predecessor and its key."""
    return compute(event.previous_hash, content(event), event.key_id)


def matches(event: Any) -> bool:
    """Whether the event's stored hash is the one its content gives, compared in constant
    time."""
    return hmac.compare_digest(hash_of(event), str(event.hash))
