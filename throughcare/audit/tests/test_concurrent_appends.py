"""Concurrent appends from several workers, each with its own database connection, never break
or fork the chain: afterwards it verifies, against checkpoints taken while they wrote, and every
shard's places run from 1 with no gap.

On PostgreSQL the workers are threads writing at once (eight workers over three shards, so
that they also wait for each other and fall back to a free shard). SQLite's shared in-memory
test database refuses a second writer at once ("table is locked") rather than queueing it as a
file database does, so there the same workers append one after the other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.test import override_settings

from throughcare.access.models import User
from throughcare.audit import checkpoint, services, shards
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain, verify_since

WORKERS = 8
SHARDS = 3
TRANSACTIONS = 15  # each worker's, of 1 + 2 events each


def _work(user: User, transactions: int) -> None:
    for n in range(transactions):
        with transaction.atomic():
            services.record(
                user=user, operation=Operation.CONSULTATION, record_type="person", record_id=n
            )
            services.record_many(
                user=user,
                operation=Operation.CONSULTATION,
                record_type="caseload",
                records=[(None, f"{n}a"), (None, f"{n}b")],
            )


def _in_threads(jobs: list[Callable[[], None]]) -> list[BaseException]:
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            start.wait(timeout=10)
            job()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_break_or_fork_the_chain(
    com: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = threading.local()
    monkeypatch.setattr(shards, "preferred", lambda: getattr(worker, "number", 0) % SHARDS)
    taken: list[checkpoint.Checkpoint] = []

    def job(number: int) -> Callable[[], None]:
        def append() -> None:
            worker.number = number
            _work(com, TRANSACTIONS)

        return append

    def checkpoints() -> None:
        for _ in range(5):
            taken.append(checkpoint.take())

    with override_settings(THROUGHCARE_AUDIT_SHARDS=SHARDS):
        jobs = [job(number) for number in range(WORKERS)] + [checkpoints]
        if connection.vendor == "postgresql":
            errors = _in_threads(jobs)
        else:
            errors = []
            for one in jobs:
                one()
        assert not errors, errors
        taken.append(checkpoint.take())

    expected = WORKERS * TRANSACTIONS * 3
    assert AuditEvent.objects.count() == expected
    for number in range(SHARDS):
        places = list(
            AuditEvent.objects.filter(shard=number)
            .order_by("id")
            .values_list("sequence", flat=True)
        )
        assert places == list(range(1, len(places) + 1)), f"shard {number} has a gap"
        assert len(places) >= TRANSACTIONS * 3  # every shard was written to
    # A transaction's events are in one shard, one after the other in it.
    for shard, place in AuditEvent.objects.filter(record_type="person").values_list(
        "shard", "sequence"
    ):
        assert place is not None
        following = AuditEvent.objects.filter(shard=shard, sequence__in=[place + 1, place + 2])
        assert {e.record_type for e in following} == {"caseload"}
    assert verify_chain() == (expected, None)
    for each in taken:
        assert verify_chain(checkpoint=each) == (expected, None)
        checked, finding = verify_since(each)
        assert finding is None and checked == expected - each.count
    assert taken[-1].count == expected
