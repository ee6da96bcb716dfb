"""verify_audit finds an edited, a deleted and a reordered event, on SQLite and PostgreSQL."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from throughcare.access.models import User
from throughcare.audit import services
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain

from .tamper import tampering

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(com: User) -> list[AuditEvent]:
    for n in range(5):
        services.record(
            user=com, operation=Operation.CONSULTATION, record_type="person", record_id=n
        )
    return list(AuditEvent.objects.order_by("id"))


def test_an_intact_log_passes(events: list[AuditEvent], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "5 events checked" in out
    # Without a checkpoint it does not call the log intact: a removed tail would not show.
    assert "intact" not in out and "No checkpoint was given" in out
    assert verify_chain() == (5, None)


def test_an_edited_event_is_named(events: list[AuditEvent]) -> None:
    with tampering(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET reason = 'nothing to see' WHERE id = %s", [events[2].pk]
        )
    with pytest.raises(CommandError, match=f"event {events[2].pk}: altered"):
        call_command("verify_audit")


def test_a_deleted_event_is_found_at_the_next_one(events: list[AuditEvent]) -> None:
    with tampering(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    with pytest.raises(CommandError, match=f"event {events[3].pk}: removed"):
        call_command("verify_audit")


def test_a_reordered_pair_is_found(events: list[AuditEvent]) -> None:
    """Swap the whole content of two rows, hashes included: each row still matches its own
    hash, but the chain no longer runs in id order."""
    first, second = events[1], events[3]
    # Every column but the id (and the list of field names, empty in both rows).
    columns = [
        str(f.column) for f in AuditEvent._meta.concrete_fields if f.column not in ("id", "fields")
    ]
    select = f"SELECT {', '.join(columns)} FROM audit_auditevent WHERE id = %s"  # noqa: S608
    update = f"UPDATE audit_auditevent SET {', '.join(f'{c} = %s' for c in columns)} WHERE id = %s"  # noqa: S608
    with tampering(), connection.cursor() as cursor:
        rows = {}
        for event in (first, second):
            cursor.execute(select, [event.pk])
            rows[event.pk] = list(cursor.fetchone())
        # Move the unique hashes and places out of the way, then write each row with the
        # other's content.
        cursor.execute(
            "UPDATE audit_auditevent SET hash = 'x' || id, previous_hash = 'y' || id, "
            "sequence = NULL WHERE id IN (%s, %s)",
            [first.pk, second.pk],
        )
        cursor.execute(update, [*rows[second.pk], first.pk])
        cursor.execute(update, [*rows[first.pk], second.pk])
    checked, finding = verify_chain()
    assert finding is not None
    assert (finding.event_id, finding.problem) == (first.pk, "reordered")


def test_audit_rows_cannot_be_changed_or_deleted(events: list[AuditEvent]) -> None:
    """Through the ORM, on every database; and on PostgreSQL, by a trigger below the ORM."""
    event = events[0]
    event.reason = "edited"
    with pytest.raises(services.AppendOnlyError):
        event.save()
    with pytest.raises(services.AppendOnlyError):
        event.delete()
    with pytest.raises(services.AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="edited")
    with pytest.raises(services.AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    if connection.vendor == "postgresql":
        # Even the table's owner (the tests connect as a superuser) is refused, TRUNCATE too.
        for statement, params in (
            ("UPDATE audit_auditevent SET reason = 'x' WHERE id = %s", [event.pk]),
            ("DELETE FROM audit_auditevent WHERE id = %s", [event.pk]),
            ("TRUNCATE audit_auditevent", []),
        ):
            with (
                pytest.raises(DatabaseError, match=r"append-only: \w+ refused"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(statement, params)
    assert verify_chain() == (5, None)
