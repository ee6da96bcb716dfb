"""The audit chain is sharded (throughcare.audit.shards): each event names its shard and its
place in it (sequence), both covered by its hash.

Adding the columns rewrites no row (PostgreSQL's append-only trigger is not involved): the events
already written are in shard 0 without a place, and keep the hashes they were written with. If
there are any, this appends one keyed event after the last of them in shard 0, at the place
that follows them (their number plus one), recording how many there are: from it on, shard 0
goes on as the other shards do, and `verify_audit` counts the events before it as the opening
places of shard 0. A database with no events (a new installation) gets none. Checkpoints taken
before keep verifying: they signed one chain, which is shard 0. It cannot be reversed once an
event has a place (the hashes cover it).

Self-contained on purpose, as `0005_seal_unkeyed_events`: the hash below is the keyed form of
throughcare.audit.chain as it was when this migration was written.
"""

import hashlib
import hmac
import json
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import migrations, models

from throughcare.audit import keys
from throughcare.core import clock

_CHAIN_LOCK_KEY = 7_348_201_733  # the single chain's lock (throughcare.audit.services)
_SHARD_LOCK_CLASS = 734_820_174  # throughcare.audit.shards


def seal(apps: Any, schema_editor: Any) -> None:
    audit_event = apps.get_model("audit", "AuditEvent")
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
            cursor.execute("SELECT pg_advisory_xact_lock(%s, 0)", [_SHARD_LOCK_CLASS])
    last = audit_event.objects.filter(shard=0).order_by("-id").first()
    if last is None or last.sequence is not None:
        return
    before = audit_event.objects.filter(shard=0).count()
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
            f"The audit chain is sharded from this event on. The {before} events before it "
            "are shard 0's first, in their order, and keep the hashes they were written with."
        ),
        request_id="",
        fields=[],
        previous_hash=last.hash,
        key_id=key_id,
        shard=0,
        sequence=before + 1,
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
        "shard": 0,
        "sequence": before + 1,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    event.hash = hmac.new(secret, (last.hash + text).encode(), hashlib.sha256).hexdigest()
    event.save(force_insert=True)


def refuse_to_unshard(apps: Any, schema_editor: Any) -> None:
    """Going back would drop the shard and place of events whose hashes cover them, leaving
    them unverifiable: refused once any event has a place."""
    audit_event = apps.get_model("audit", "AuditEvent")
    if audit_event.objects.filter(sequence__isnull=False).exists():
        raise RuntimeError(
            "audit.0013_shards cannot be reversed: events written in shards would no longer "
            "verify without their shard and place"
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0012_record_types_for_requests")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="shard",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("shard", "sequence"), name="audit_shard_sequence"
            ),
        ),
        migrations.RunPython(seal, refuse_to_unshard),
    ]
