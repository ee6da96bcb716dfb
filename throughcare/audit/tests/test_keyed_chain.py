"""What an insider with database access might do to the audit log, and how verify_audit names
it: the chain is keyed (HMAC under a key from the environment), and signed checkpoints kept
outside the database show a removed tail. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import importlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from throughcare.access.models import User
from throughcare.audit import chain, checkpoint, keys, services
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain
from throughcare.core import clock

from . import tamper

pytestmark = pytest.mark.django_db

KEY_ONE = "test-1:test-audit-key-one-not-secret-0000000"
KEY_TWO = "test-2:test-audit-key-two-not-secret-0000000"


def _record(user: User | None, n: int = 1) -> list[AuditEvent]:
    services.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type="person",
        records=[(None, f"record-{i}") for i in range(n)],
    )
    return list(AuditEvent.objects.order_by("id"))


def _problem(found: tuple[int, object]) -> tuple[int | None, str]:
    _, finding = found
    assert finding is not None, "nothing found"
    return finding.event_id, finding.problem  # type: ignore[attr-defined]


def test_each_hash_is_an_hmac_under_the_current_key(com: User) -> None:
    event = services.record(user=com, operation=Operation.CONSULTATION, record_type="person")
    event.refresh_from_db()
    assert event.key_id == "test-2"
    text = json.dumps(chain.content(event), sort_keys=True, separators=(",", ":"), default=str)
    secret = b"test-audit-key-two-not-secret-0000000"
    expected = hmac.new(secret, (event.previous_hash + text).encode(), hashlib.sha256)
    assert event.hash == expected.hexdigest()
    # What someone without the key could compute is something else.
    assert event.hash != tamper.without_key(event.previous_hash, event)
    assert verify_chain() == (1, None)


def test_the_key_id_is_covered_by_the_hash(com: User) -> None:
    events = _record(com, 3)
    tamper.execute("UPDATE audit_auditevent SET key_id = 'test-1' WHERE id = %s", [events[0].pk])
    assert _problem(verify_chain()) == (events[0].pk, "altered")


# Removing events from the end ---------------------------------------------------------------


@pytest.fixture
def logged(com: User) -> tuple[list[AuditEvent], checkpoint.Checkpoint]:
    """150 events and a checkpoint taken after them."""
    events = _record(com, 150)
    return events, checkpoint.take()


def test_a_checkpoint_records_the_count_and_the_last_event(
    logged: tuple[list[AuditEvent], checkpoint.Checkpoint],
) -> None:
    events, taken = logged
    assert (taken.count, taken.last_id, taken.last_hash) == (150, events[-1].pk, events[-1].hash)
    assert taken.key_id == "test-2" and taken.signature_ok()
    assert taken.at == chain.utc_timestamp(clock.now())
    assert verify_chain(checkpoint=taken) == (150, None)


def test_deleting_the_last_event_is_named(
    logged: tuple[list[AuditEvent], checkpoint.Checkpoint],
) -> None:
    events, taken = logged
    # Without the checkpoint nothing shows: what is left is a perfect chain.
    tamper.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    assert verify_chain() == (149, None)
    checked, finding = verify_chain(checkpoint=taken)
    assert finding is not None and finding.problem == "missing tail"
    assert "the last 1 event up to event" in finding.detail and "counted 150" in finding.detail


def test_deleting_the_last_hundred_events_is_named(
    logged: tuple[list[AuditEvent], checkpoint.Checkpoint],
) -> None:
    events, taken = logged
    tamper.execute("DELETE FROM audit_auditevent WHERE id >= %s", [events[50].pk])
    checked, finding = verify_chain(checkpoint=taken)
    assert checked == 50
    assert finding is not None and finding.problem == "missing tail"
    assert f"the last 100 events up to event {events[-1].pk} are missing" in finding.detail


def test_deleting_every_event_is_named(
    logged: tuple[list[AuditEvent], checkpoint.Checkpoint],
) -> None:
    _, taken = logged
    tamper.execute("DELETE FROM audit_auditevent")
    assert verify_chain() == (0, None)  # an empty log is a perfect chain...
    checked, finding = verify_chain(checkpoint=taken)
    assert checked == 0
    assert finding is not None and finding.problem == "empty"  # ...but not what was signed
    assert "the log is empty, but the checkpoint of" in finding.detail


def test_a_removed_tail_shows_even_after_new_events(
    com: User, logged: tuple[list[AuditEvent], checkpoint.Checkpoint]
) -> None:
    events, taken = logged
    tamper.execute("DELETE FROM audit_auditevent WHERE id >= %s", [events[-3].pk])
    _record(com, 5)  # the application carries on from what is left: 152 events
    checked, finding = verify_chain(checkpoint=taken)
    assert checked == 152
    assert finding is not None and finding.problem == "missing tail"


def test_a_checkpoint_not_signed_with_the_key_is_named(
    logged: tuple[list[AuditEvent], checkpoint.Checkpoint],
) -> None:
    events, taken = logged
    # Someone removes the tail and writes a checkpoint to match, without the key.
    tamper.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    forged = checkpoint.Checkpoint(
        count=149,
        last_id=events[-2].pk,
        last_hash=events[-2].hash,
        at=taken.at,
        key_id=taken.key_id,
        signature=hashlib.sha256(b"guess").hexdigest(),
    )
    assert _problem(verify_chain(checkpoint=forged)) == (None, "checkpoint")


# Rewriting and adding events ----------------------------------------------------------------


def test_recomputing_the_chain_after_an_edit_is_named(com: User) -> None:
    events = _record(com, 6)
    # Edit the third event and recompute every hash from there, as someone without the key can.
    previous = events[1].hash
    with tamper.tampering(), connection.cursor() as cursor:
        for event in events[2:]:
            if event.pk == events[2].pk:
                event.reason = "nothing to see here"
            cursor.execute(
                "UPDATE audit_auditevent SET hash = %s WHERE id = %s",
                ["x" + str(event.pk), event.pk],
            )
            event.previous_hash = previous
            event.hash = tamper.without_key(previous, event)
            cursor.execute(
                "UPDATE audit_auditevent SET reason = %s, previous_hash = %s, hash = %s "
                "WHERE id = %s",
                [event.reason, event.previous_hash, event.hash, event.pk],
            )
            previous = event.hash
    checked, finding = verify_chain()
    assert finding is not None
    assert (finding.event_id, finding.problem) == (events[2].pk, "recomputed")
    assert "without the key" in finding.detail


def test_appending_a_forged_event_is_named(com: User) -> None:
    events = _record(com, 4)
    forged = tamper.insert(tamper.forged_after(events[-1]))
    assert _problem(verify_chain()) == (forged, "forged")
    # A checkpoint taken before it does not make it right either.


def test_a_forged_event_between_checkpoints_is_named(com: User) -> None:
    events = _record(com, 4)
    taken = checkpoint.take()
    forged = tamper.insert(tamper.forged_after(events[-1]))
    assert _problem(verify_chain(checkpoint=taken)) == (forged, "forged")


def test_an_event_under_a_key_that_is_not_configured_is_named(com: User) -> None:
    events = _record(com, 2)
    forged = tamper.forged_after(events[-1], key_id="made-up")
    event_id = tamper.insert(forged)
    checked, finding = verify_chain()
    assert finding is not None and (finding.event_id, finding.problem) == (event_id, "unknown key")
    assert "made-up" in finding.detail


# Rotating the key ---------------------------------------------------------------------------


def test_events_verify_across_a_key_rotation(com: User) -> None:
    with override_settings(THROUGHCARE_AUDIT_KEYS=KEY_ONE):
        _record(com, 3)
        before = checkpoint.take()
    with override_settings(THROUGHCARE_AUDIT_KEYS=f"{KEY_TWO} {KEY_ONE}"):
        events = _record(com, 3)
        assert [e.key_id for e in events] == ["test-1"] * 3 + ["test-2"] * 3
        assert verify_chain(checkpoint=before) == (6, None)
        assert verify_chain(checkpoint=checkpoint.take()) == (6, None)
    # Without the old key, its events cannot be checked, and that is said.
    with override_settings(THROUGHCARE_AUDIT_KEYS=KEY_TWO):
        assert _problem(verify_chain()) == (events[0].pk, "unknown key")


def test_an_event_under_a_retired_key_after_a_newer_one_is_named(com: User) -> None:
    """Someone who got hold of an old key after it was retired still cannot add events."""
    with override_settings(THROUGHCARE_AUDIT_KEYS=KEY_ONE):
        _record(com, 2)
    with override_settings(THROUGHCARE_AUDIT_KEYS=f"{KEY_TWO} {KEY_ONE}"):
        events = _record(com, 2)
        with override_settings(THROUGHCARE_AUDIT_KEYS=KEY_ONE):
            late = services._event(
                user=com,
                occurred_at=clock.now(),
                previous_hash=events[-1].hash,
                shard=events[-1].shard,
                sequence=(events[-1].sequence or 0) + 1,
                operation=Operation.CONSULTATION,
                record_type="person",
                record_id="1",
                person_id=None,
            )
        assert late.key_id == "test-1" and chain.matches(late)
        event_id = tamper.insert(late)
        checked, finding = verify_chain()
        assert finding is not None and (finding.event_id, finding.problem) == (event_id, "forged")
        assert "older key test-1" in finding.detail


# The events from before the chain was keyed -------------------------------------------------


def _unkeyed(n: int) -> list[AuditEvent]:
    """Events as the application wrote them before the chain was keyed."""
    previous = chain.GENESIS_HASH
    events = []
    for i in range(n):
        event = AuditEvent(
            occurred_at=clock.now().astimezone(datetime.UTC),
            user_email="old@test.example",
            user_role="com",
            record_type="person",
            record_id=str(i),
            operation="consultation",
            previous_hash=previous,
            key_id=keys.LEGACY_KEY_ID,
        )
        event.hash = tamper.without_key(previous, event)
        previous = event.hash
        events.append(event)
    AuditEvent.objects.bulk_create(events)
    return list(AuditEvent.objects.order_by("id"))


def _seal() -> None:
    """What the migrations do to a log of unkeyed events: 0005 seals them with a keyed event,
    then 0013 (the chain sharded) appends one with a place in shard 0 after them all."""
    for name in ("0005_seal_unkeyed_events", "0013_shards"):
        migration = importlib.import_module(f"throughcare.audit.migrations.{name}")
        migration.seal(apps, SimpleNamespace(connection=connection))


def test_unkeyed_events_verify_once_sealed_and_new_ones_are_keyed(com: User) -> None:
    old = _unkeyed(4)
    assert _problem(verify_chain()) == (old[-1].pk, "unsealed")
    _seal()
    seal, sharded = AuditEvent.objects.order_by("id")[4:6]
    assert (seal.key_id, seal.previous_hash, seal.record_type) == (
        "test-2",
        old[-1].hash,
        "audit chain",
    )
    assert "The 4 events before it keep the unkeyed SHA-256 hashes" in seal.reason
    assert (sharded.shard, sharded.sequence, sharded.previous_hash) == (0, 6, seal.hash)
    assert "The 5 events before it are shard 0's first" in sharded.reason
    _seal()  # a second run (or a database that was already keyed) writes nothing
    _record(com, 2)
    assert verify_chain() == (8, None)


def test_rewriting_the_sealed_unkeyed_events_is_named(com: User) -> None:
    old = _unkeyed(4)
    _seal()
    # Edit the second unkeyed event and recompute the unkeyed chain after it: anyone can.
    previous = old[0].hash
    with tamper.tampering(), connection.cursor() as cursor:
        for event in old[1:]:
            cursor.execute(
                "UPDATE audit_auditevent SET hash = %s WHERE id = %s",
                ["x" + str(event.pk), event.pk],
            )
        for event in old[1:]:
            if event.pk == old[1].pk:
                event.reason = "edited"
            event.previous_hash = previous
            event.hash = tamper.without_key(previous, event)
            cursor.execute(
                "UPDATE audit_auditevent SET reason = %s, previous_hash = %s, hash = %s "
                "WHERE id = %s",
                [event.reason, event.previous_hash, event.hash, event.pk],
            )
            previous = event.hash
    seal = AuditEvent.objects.order_by("id")[4]
    # The seal, which cannot be rewritten without the key, no longer follows the last of them.
    assert _problem(verify_chain()) == (seal.pk, "removed")


def test_an_unkeyed_event_after_keyed_ones_is_named(com: User) -> None:
    events = _record(com, 2)
    forged = tamper.forged_after(events[-1], key_id=keys.LEGACY_KEY_ID)
    forged.hash = tamper.without_key(events[-1].hash, forged)
    event_id = tamper.insert(forged)
    checked, finding = verify_chain()
    assert finding is not None and (finding.event_id, finding.problem) == (event_id, "forged")
    assert "unkeyed form" in finding.detail


# The commands -------------------------------------------------------------------------------


def test_audit_checkpoint_appends_to_a_file_and_verify_audit_uses_the_latest(
    com: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sink = tmp_path / "checkpoints.log"
    _record(com, 3)
    call_command("audit_checkpoint", file=str(sink))
    events = _record(com, 2)
    call_command("audit_checkpoint", file=str(sink))
    lines = sink.read_text().splitlines()
    assert len(lines) == 2
    assert [checkpoint.parse(line).count for line in lines] == [3, 5]
    capsys.readouterr()
    call_command("verify_audit", checkpoints=str(sink))
    assert "Audit log intact since the checkpoint of" in capsys.readouterr().out
    call_command("verify_audit", checkpoints=str(sink), full=True)
    assert (
        "Audit log intact: 5 events checked, against the checkpoint of" in capsys.readouterr().out
    )

    tamper.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    with pytest.raises(CommandError, match="Audit log check failed: missing tail"):
        call_command("verify_audit", checkpoints=str(sink))
    tamper.execute("DELETE FROM audit_auditevent")
    with pytest.raises(CommandError, match="Audit log check failed: empty .the log is empty"):
        call_command("verify_audit", checkpoints=str(sink))


def test_audit_checkpoint_writes_to_standard_output_by_default(
    com: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(com, 2)
    call_command("audit_checkpoint")
    written = checkpoint.parse(capsys.readouterr().out.strip())
    assert written.count == 2 and written.signature_ok()


def test_verify_audit_reads_the_checkpoints_out_of_a_log_stores_lines(
    com: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(com, 2)
    call_command("audit_checkpoint")
    line = capsys.readouterr().out.strip()
    exported = tmp_path / "journal.txt"
    exported.write_text(
        f"Nov 24 10:30:00 host throughcare[1]: {line}\nNov 24 10:31:00 host other: unrelated\n"
    )
    call_command("verify_audit", checkpoints=str(exported), full=True)
    assert "Audit log intact: 2 events checked" in capsys.readouterr().out


def test_verify_audit_names_a_missing_or_empty_checkpoint_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no checkpoint file"):
        call_command("verify_audit", checkpoints=str(tmp_path / "none.log"))
    (tmp_path / "other.log").write_text("other log lines\n")
    with pytest.raises(CommandError, match="There is no audit checkpoint"):
        call_command("verify_audit", checkpoints=str(tmp_path / "other.log"))
