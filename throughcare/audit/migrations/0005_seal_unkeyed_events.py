"""Seals the events written before the chain was keyed.

Their hashes are plain SHA-256, which anyone with the database could recompute. If there are
any, this appends one keyed event after the last of them, recording how many there are: an
edit of any of them (even with the SHA-256 chain recomputed) then breaks the link to this
event, which cannot be rewritten without the audit key, and `verify_audit` refuses unkeyed
events anywhere but before it. A database with no events (a new installation) gets none.

Self-contained on purpose: the hash below is the keyed form of throughcare.audit.chain as it
was when this migration was written, so that later changes there cannot change what it writes.
It runs after `people.0002_alias_name_key`, the one earlier migration that writes events.
"""

import hashlib
import hmac
import json
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import migrations

from throughcare.audit import keys
from throughcare.core import clock

_CHAIN_LOCK_KEY = 7_348_201_733  # throughcare.audit.services


def seal(apps: Any, schema_editor: Any) -> None:
    audit_event = apps.get_model("audit", "AuditEvent")
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    last = audit_event.objects.order_by("-id").first()
    if last is None or last.key_id != keys.LEGACY_KEY_ID:
        return
    unkeyed = audit_event.objects.filter(key_id=keys.LEGACY_KEY_ID).count()
    key_id, secret = next(iter(keys.parse(settings.THROUGHCARE_AUDIT_KEYS).items()))
    now = clock.now()
    event = audit_event(
        occurred_at=now,
        user_id=None,
        user_email="",
        user_role="",
        person_id=None,
        record_type="audit chain",
        record_id="",
        record_version=None,
        operation="alteration",
        outcome="allowed",
        recipient="",
        reason=(
            f"The audit chain is keyed from this event on (key {key_id}). The {unkeyed} events "
            "before it keep the unkeyed SHA-256 hashes they were written with; this event "
            "seals them."
        ),
        request_id="",
        fields=[],
        previous_hash=last.hash,
        key_id=key_id,
    )
    content = {
        "key_id": key_id,
        "occurred_at": now.astimezone(UTC).isoformat(timespec="microseconds"),
        "user_id": None,
        "user_email": "",
        "user_role": "",
        "person_id": None,
        "record_type": event.record_type,
        "record_id": "",
        "record_version": None,
        "operation": event.operation,
        "outcome": event.outcome,
        "recipient": "",
        "reason": event.reason,
        "request_id": "",
        "fields": [],
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    event.hash = hmac.new(secret, (last.hash + text).encode(), hashlib.sha256).hexdigest()
    event.save(force_insert=True)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_key_id"),
        ("people", "0002_alias_name_key"),
    ]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
