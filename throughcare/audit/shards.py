"""The audit chain's shards: several chains written in parallel, each under its own lock.

One chain under one lock puts every audited request in the country in one queue, and the lock
is held until the request's transaction commits (its WAL flush included). So the log is split
into `THROUGHCARE_AUDIT_SHARDS` shards. Each shard is a complete chain of its own: its first
event follows `chain.genesis(shard)`, every later one the shard's previous event, and each
carries its place in the shard (`sequence`, from 1, no gaps). Shard and sequence are covered by
the event's keyed hash, so an event cannot be moved from one shard or place to another.

A transaction appends to one shard, which it locks until it ends: the shard its connection used
last or the one this worker (process and thread) prefers, if free, otherwise the first free one
after it, otherwise it waits for its own. Which shard an event is in says nothing about the
event; what matters is that every shard is a gapless chain, and that a checkpoint
(`checkpoint.take`, which holds every shard's lock for a moment) signs the head of every shard.

On SQLite, which lets one transaction write at a time anyway, there are no locks: a worker
writes to its preferred shard.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from . import chain
from .models import AuditEvent

# Any fixed 32-bit number: with the shard's number, it names the lock of each shard
# (pg_advisory_xact_lock(int, int), a key space apart from the single lock of old).
_LOCK_CLASS = 734_820_174


@dataclass(frozen=True)
class Head:
    """The last event of a shard: its place, id and hash."""

    shard: int
    sequence: int
    id: int
    hash: str


def count() -> int:
    """How many shards new events are spread over (THROUGHCARE_AUDIT_SHARDS, at least 1).
    Lowering it later is safe: the shards no longer written keep their events and are still
    verified and checkpointed."""
    return max(1, int(getattr(settings, "THROUGHCARE_AUDIT_SHARDS", 1)))


def preferred() -> int:
    """This worker's shard: the same for every transaction of one process and thread."""
    return hash((os.getpid(), threading.get_ident())) % count()


def _take(shard: int, *, wait: bool) -> tuple[str, int] | None:
    """On PostgreSQL: locks the shard until the transaction ends (waiting for it if `wait`,
    else only if it is free) and reads its head, in one round trip (`audit_take_shard`, made
    by migration 0021, reads the head after the lock is granted). The hash and the place the
    next event takes, or None if the shard was not free."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_take_shard(%s, %s, %s)", [_LOCK_CLASS, shard, wait])
        taken, sequence, hash_ = cursor.fetchone()
    if not taken:
        return None
    if sequence is None:
        return chain.genesis(shard), 1
    return hash_, sequence + 1


def _wait_for(shard: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_CLASS, shard])


def take() -> tuple[int, str, int]:
    """Locks a shard until the transaction ends and returns it, with the hash and the place the
    next event there takes. The shard is the one this connection locked last if it is free (or
    already its own: within a transaction that is the shard it holds, as the locks are
    re-entrant, so a transaction's events stay together in one shard), else this worker's,
    else the first free one after it; if none is free, it waits for this worker's. A
    transaction never waits while it holds a shard. Call it inside a transaction."""
    mine = preferred()
    if connection.vendor != "postgresql":
        return (mine, *following(mine))
    shards = count()
    last = getattr(connection, "_audit_shard", None)
    order = [last] if last is not None and last < shards else []
    order += [(mine + step) % shards for step in range(shards)]
    for shard in order:
        if (taken := _take(shard, wait=False)) is not None:
            connection._audit_shard = shard  # type: ignore[attr-defined]
            return (shard, *taken)
    taken = _take(mine, wait=True)
    assert taken is not None  # noqa: S101 - a lock waited for is always taken
    connection._audit_shard = mine  # type: ignore[attr-defined]
    return (mine, *taken)


def lock_all() -> None:
    """Takes every shard's lock, in order, until the transaction ends: no event is being
    appended meanwhile, and every event appended after has a greater id than any before."""
    if connection.vendor != "postgresql":
        return
    for shard in range(count()):
        _wait_for(shard)


def head(shard: int) -> Head | None:
    """The shard's last event (none for a shard not yet written to)."""
    row = (
        AuditEvent.objects.filter(shard=shard, sequence__isnull=False)
        .order_by("-sequence")
        .values_list("sequence", "id", "hash")
        .first()
    )
    if row is None or row[0] is None:
        return None
    return Head(shard, row[0], row[1], row[2])


def following(shard: int) -> tuple[str, int]:
    """The hash and the place the next event of the shard takes."""
    last = head(shard)
    if last is None:
        return chain.genesis(shard), 1
    return last.hash, last.sequence + 1


def heads() -> dict[int, Head]:
    """The head of every shard that holds events, the shards no longer written included."""
    highest = AuditEvent.objects.order_by("-shard").values_list("shard", flat=True).first()
    found = {}
    for shard in range(max(count(), (highest or 0) + 1)):
        last = head(shard)
        if last is not None:
            found[shard] = last
    return found
