"""The audit chain in shards: each shard is a gapless chain of its own, a checkpoint signs every
shard's head, verify_audit checks each shard and names what was done to one, and checks only
what was written since the checkpoint unless asked for the whole log. SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from throughcare.access.models import User
from throughcare.audit import chain, checkpoint, services, shards
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain, verify_since
from throughcare.core import clock

from . import tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Appends that take turns between three workers, whose shards are 0, 3 and 5, each with
    a connection of its own (the test's one connection forgets the shard it used last)."""
    turns = itertools.cycle([0, 3, 5])

    def preferred() -> int:
        connection._audit_shard = None  # type: ignore[attr-defined]
        return next(turns)

    monkeypatch.setattr(shards, "preferred", preferred)
    with override_settings(THROUGHCARE_AUDIT_SHARDS=8):
        yield [0, 3, 5]


def _append(user: User, n: int) -> None:
    for i in range(n):
        services.record(
            user=user, operation=Operation.CONSULTATION, record_type="person", record_id=i
        )


def _shard(number: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(shard=number).order_by("id"))


def test_each_shard_is_a_gapless_chain_of_its_own(workers: list[int], com: User) -> None:
    _append(com, 9)
    services.record_many(
        user=com,
        operation=Operation.CONSULTATION,
        record_type="caseload",
        records=[(None, "a"), (None, "b")],
    )
    assert sorted(set(AuditEvent.objects.values_list("shard", flat=True))) == workers
    for number in workers:
        events = _shard(number)
        assert [e.sequence for e in events] == list(range(1, len(events) + 1))
        assert events[0].previous_hash == chain.genesis(number)
        for before, after in zip(events, events[1:], strict=False):
            assert after.previous_hash == before.hash
    # A transaction's events stay together, in one shard (the caseload's two here).
    assert len({e.shard for e in AuditEvent.objects.filter(record_type="caseload")}) == 1
    assert verify_chain() == (11, None)


def test_the_shard_and_the_place_are_covered_by_the_hash(workers: list[int], com: User) -> None:
    _append(com, 6)
    moved = _shard(3)[-1]
    tamper.execute("UPDATE audit_auditevent SET shard = 7 WHERE id = %s", [moved.pk])
    assert _problem(verify_chain()) == (moved.pk, "forged")  # not made with the key
    tamper.execute("UPDATE audit_auditevent SET shard = 3, sequence = 9 WHERE id = %s", [moved.pk])
    assert _problem(verify_chain()) == (moved.pk, "forged")


def test_a_checkpoint_signs_the_head_of_every_shard(workers: list[int], com: User) -> None:
    _append(com, 7)
    taken = checkpoint.take()
    heads = {number: _shard(number)[-1] for number in workers}
    assert taken.heads == tuple((n, heads[n].sequence, heads[n].pk, heads[n].hash) for n in workers)
    assert taken.count == 7 and taken.last_id == max(e.pk for e in heads.values())
    assert taken.signature_ok()
    assert checkpoint.parse(taken.to_json()) == taken
    assert verify_chain(checkpoint=taken) == (7, None)
    assert verify_since(taken) == (0, None)


def test_removing_the_tail_of_one_shard_is_named(workers: list[int], com: User) -> None:
    _append(com, 9)
    taken = checkpoint.take()
    last = _shard(5)[-1]
    tamper.execute("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    assert verify_chain() == (8, None)  # every shard left is a perfect chain...
    _, finding = verify_chain(checkpoint=taken)  # ...but shard 5 is one short of what was signed
    assert finding is not None and finding.problem == "missing tail"
    assert "shard 5 of the log ends after 2 events" in finding.detail
    assert f"up to event {last.pk} are missing" in finding.detail
    _, finding = verify_since(taken)
    assert finding is not None and finding.problem == "missing tail"
    assert f"shard 5 that the checkpoint of {taken.at} signed (event {last.pk}" in finding.detail


def test_a_tail_removed_and_written_again_is_named(workers: list[int], com: User) -> None:
    _append(com, 9)
    taken = checkpoint.take()
    tamper.execute("DELETE FROM audit_auditevent WHERE id = %s", [_shard(0)[-1].pk])
    _append(com, 3)  # shard 0 carries on from what is left, with the same places
    _, finding = verify_chain(checkpoint=taken)
    assert finding is not None and finding.problem == "missing tail"
    assert "is not the event the checkpoint" in finding.detail
    _, finding = verify_since(taken)
    assert finding is not None and finding.problem == "missing tail"


def test_an_event_at_the_wrong_place_is_named(workers: list[int], com: User) -> None:
    """Even with the key: a place skipped in a shard is a gap."""
    _append(com, 3)
    last = _shard(3)[-1]
    skipped = services._event(
        user=com,
        occurred_at=clock.now(),
        previous_hash=last.hash,
        shard=3,
        sequence=(last.sequence or 0) + 2,
        operation=Operation.CONSULTATION,
        record_type="person",
        record_id="x",
        person_id=None,
    )
    event_id = tamper.insert(skipped)
    assert _problem(verify_chain()) == (event_id, "out of sequence")


def test_only_shard_0_may_open_with_events_that_have_no_place(
    workers: list[int], com: User
) -> None:
    _append(com, 3)
    last = _shard(3)[-1]
    placeless = services._event(
        user=com,
        occurred_at=clock.now(),
        previous_hash=last.hash,
        shard=3,
        sequence=None,
        operation=Operation.CONSULTATION,
        record_type="person",
        record_id="x",
        person_id=None,
    )
    event_id = tamper.insert(placeless)
    checked, finding = verify_chain()
    assert finding is not None and (finding.event_id, finding.problem) == (event_id, "forged")
    assert "it has no place in shard 3" in finding.detail


# Checking from the last checkpoint ----------------------------------------------------------


def test_verify_since_reads_only_what_was_written_after_the_checkpoint(
    workers: list[int], com: User
) -> None:
    _append(com, 30)
    taken = checkpoint.take()
    _append(com, 4)
    assert verify_since(taken) == (4, None)
    assert verify_chain(checkpoint=taken) == (34, None)
    # An event forged after the checkpoint is found...
    forged = tamper.insert(tamper.forged_after(_shard(3)[-1]))
    assert _problem(verify_since(taken)) == (forged, "forged")


def test_an_edit_before_the_checkpoint_needs_the_full_check(workers: list[int], com: User) -> None:
    """What `--full` is for: an incremental check trusts what the run before it checked, but
    for the heads the checkpoint signed."""
    _append(com, 12)
    taken = checkpoint.take()
    first = _shard(0)[0]
    tamper.execute("UPDATE audit_auditevent SET reason = 'edited' WHERE id = %s", [first.pk])
    assert verify_since(taken) == (0, None)
    assert _problem(verify_chain(checkpoint=taken)) == (first.pk, "altered")
    # An edit of a head the checkpoint signed is found either way.
    head = _shard(5)[-1]
    tamper.execute("UPDATE audit_auditevent SET reason = 'edited' WHERE id = %s", [head.pk])
    assert _problem(verify_since(taken)) == (head.pk, "altered")


def test_a_checkpoint_from_before_the_shards_still_verifies(com: User) -> None:
    """Checkpoints written by the single chain have no heads: they signed shard 0."""
    with override_settings(THROUGHCARE_AUDIT_SHARDS=1):
        _append(com, 5)
        events = list(AuditEvent.objects.order_by("id"))
        old = checkpoint.Checkpoint(
            count=5,
            last_id=events[-1].pk,
            last_hash=events[-1].hash,
            at=chain.utc_timestamp(clock.now()),
            key_id="test-2",
        ).signed()
        line = old.to_json().replace(', "heads": null', "")
        assert "heads" not in line
        read = checkpoint.parse(line)
        assert read.signature_ok() and read.shard_heads()[0].sequence == 5
        _append(com, 2)
        assert verify_chain(checkpoint=read) == (7, None)
        assert verify_since(read) == (2, None)
        tamper.execute("DELETE FROM audit_auditevent WHERE id >= %s", [events[-1].pk])
        assert _problem(verify_since(read)) == (None, "missing tail")
        assert _problem(verify_chain(checkpoint=read)) == (None, "missing tail")


def test_verify_audit_checks_from_the_checkpoint_unless_full(
    workers: list[int], com: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sink = tmp_path / "checkpoints.log"
    _append(com, 10)
    call_command("audit_checkpoint", file=str(sink))
    _append(com, 3)
    capsys.readouterr()
    call_command("verify_audit", checkpoints=str(sink))
    out = capsys.readouterr().out
    assert "Audit log intact since the checkpoint of" in out and "(10 events then)" in out
    assert "in each shard (3 shards) is as it was, and the 3 events written since" in out
    call_command("verify_audit", checkpoints=str(sink), full=True)
    assert "Audit log intact: 13 events checked" in capsys.readouterr().out
    first = _shard(0)[0]
    tamper.execute("UPDATE audit_auditevent SET reason = 'edited' WHERE id = %s", [first.pk])
    call_command("verify_audit", checkpoints=str(sink))  # before the checkpoint: not read
    with pytest.raises(CommandError, match=f"failed at event {first.pk}: altered"):
        call_command("verify_audit", checkpoints=str(sink), full=True)


def _problem(found: tuple[int, object]) -> tuple[int | None, str]:
    _, finding = found
    assert finding is not None, "nothing found"
    return finding.event_id, finding.problem  # type: ignore[attr-defined]
