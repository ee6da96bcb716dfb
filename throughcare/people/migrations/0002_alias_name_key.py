"""Each other name is recorded once per person (issue 7, item 12).

Fills `name_key` for the names already recorded, removes the copies of a name a person already
has (the first recorded is kept; each removal is recorded in the audit log, with the reason),
then makes the key unique with the person, so that two submissions of the same name at once
can no longer both be written. Works the same on SQLite and PostgreSQL.
"""

from typing import Any

from django.db import connection, migrations, models

from throughcare.audit import keys
from throughcare.audit.services import _CHAIN_LOCK_KEY, GENESIS_HASH, event_hash, hashed_content
from throughcare.core import clock
from throughcare.people.rules import name_key

REASON = "A copy of another name already recorded for this person"


def _last_hash(audit_event: Any) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    last = audit_event.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS_HASH


def fill_keys_and_remove_copies(apps: Any, schema_editor: Any) -> None:
    alias_model = apps.get_model("people", "Alias")
    audit_event = apps.get_model("audit", "AuditEvent")
    seen: set[tuple[Any, str]] = set()
    keep: list[Any] = []
    copies: list[Any] = []
    for alias in alias_model.objects.order_by("person_id", "pk").iterator(chunk_size=2000):
        alias.name_key = name_key(alias.given_name, alias.family_name)
        if (alias.person_id, alias.name_key) in seen:
            copies.append(alias)
        else:
            seen.add((alias.person_id, alias.name_key))
            keep.append(alias)
    if copies:
        keyed = any(field.name == "key_id" for field in audit_event._meta.get_fields())
        previous = _last_hash(audit_event)
        now = clock.now()
        events = []
        for copy in copies:
            event = audit_event(
                occurred_at=now,
                user_id=None,
                user_email="",
                user_role="",
                person_id=copy.person_id,
                record_type="alias",
                record_id=str(copy.pk),
                record_version=None,
                operation="erasure",
                outcome="allowed",
                recipient="",
                reason=REASON,
                request_id="",
                fields=[],
                previous_hash=previous,
                # Keyed like any new event once the audit log has key ids (audit.0004).
                **({"key_id": keys.current()[0]} if keyed else {}),
            )
            event.hash = event_hash(previous, hashed_content(event))
            previous = event.hash
            events.append(event)
        audit_event.objects.bulk_create(events, batch_size=500)
        alias_model.objects.filter(pk__in=[copy.pk for copy in copies]).delete()
    alias_model.objects.bulk_update(keep, ["name_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("audit", "0003_record_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="alias",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=610),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys_and_remove_copies, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="alias",
            constraint=models.UniqueConstraint(
                fields=("person", "name_key"), name="alias_once_per_person"
            ),
        ),
    ]
