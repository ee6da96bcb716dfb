"""Walking the audit chain: the checks each event must pass, and what each failure means. No
database here: the events come from the database (`verify`) or from an export
(`export_check`).

What each finding means (docs/security.md, "The audit trail"):

- altered: an event's content does not give its hash, yet the next event still follows that
  hash: the event was edited where it is;
- recomputed: an event and every event after it, to the next genuine one or the end, carry
  hashes that follow each other but were not made with the audit key: it was edited and the
  chain recomputed without the key;
- forged: an event whose hash was not made with the audit key and that no genuine event
  follows (one added at the end, or put in the middle); or an event in an older form (no key,
  or a retired key) after events made with a newer key;
- removed: an event follows a predecessor that is no longer in the log;
- out of sequence: an event's place in its shard is not the one it is at;
- reordered: an event follows a predecessor that is in the log, but not just before it;
- unknown key: an event names an audit key that is not configured;
- unsealed: the log holds only events in the unkeyed form, which anyone could have written;
- missing tail / empty: the log has fewer events than the latest checkpoint counted, or its
  event at the checkpoint's count is not the one the checkpoint signed;
- checkpoint: the checkpoint's signature is not the audit key's.

The log is several chains (shards, `throughcare.audit.shards`) interleaved in id order: each
shard is checked on its own, as one chain, in one pass over the events. `verify_chain` reads
the whole log; `verify_since` only the events after a checkpoint, from the heads it signed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from . import chain, keys


@dataclass(frozen=True)
class Finding:
    event_id: int | None  # the first event found wrong, if the problem is with one event
    problem: str
    detail: str

    def __str__(self) -> str:
        where = f" at event {self.event_id}" if self.event_id is not None else ""
        return f"{where}: {self.problem} ({self.detail})"


def _classify(event: Any, following: Any | None) -> Finding:
    """An event whose hash is not the one its content gives under its key: which kind of
    tampering that is depends on the event after it."""
    if following is None:
        return Finding(
            event.pk,
            "forged",
            "the last event's hash was not made with the audit key: it was added or changed "
            "by someone without the key",
        )
    if following.previous_hash != event.hash:
        return Finding(
            event.pk,
            "forged",
            "its hash was not made with the audit key, and the next event does not follow it",
        )
    if keys.is_configured(following.key_id) and chain.matches(following):
        return Finding(
            event.pk,
            "altered",
            "its content does not match its hash, which the next event still follows: "
            "it was edited",
        )
    return Finding(
        event.pk,
        "recomputed",
        "its hash and the hashes after it follow each other but were not made with the audit "
        "key: it was edited and the chain recomputed from here without the key",
    )


@dataclass
class Shard:
    """Where the walk of one shard stands."""

    previous: str | None  # the hash the next event must follow (None: any, for an export)
    position: int | None  # the place of the last event walked (None: not known yet)
    newest_age: int = 0  # how recent the newest key seen is (`keys.age`)
    sequenced: bool = False  # whether an event with a place (a sequence) has been seen
    last: Any = None  # the last event walked
    pending: Any = None  # an event read, to be checked once the next one of its shard is read

    @classmethod
    def from_genesis(cls, shard: int) -> Shard:
        return cls(previous=chain.genesis(shard), position=0)

    @classmethod
    def part_way(cls, shard: int) -> Shard:
        """For an export, which may start anywhere in a shard."""
        return cls(previous=None, position=None)


@dataclass
class Walked:
    checked: int = 0
    finding: Finding | None = None
    shards: dict[int, Shard] = field(default_factory=dict)
    marked: dict[int, str] = field(default_factory=dict)  # the hash at each shard's mark


def _key_finding(event: Any, state: Shard) -> Finding | None:
    if not keys.is_configured(event.key_id):
        return Finding(
            event.pk,
            "unknown key",
            f"its hash names the audit key {event.key_id}, which is not configured",
        )
    age = keys.age(event.key_id)
    if age < state.newest_age:
        older = "in the unkeyed form" if age == 0 else f"made with the older key {event.key_id}"
        return Finding(
            event.pk,
            "forged",
            f"it is {older}, after events made with a newer key: the application never writes that",
        )
    state.newest_age = age
    return None


def _link_finding(
    event: Any, state: Shard, shard: int, exists: Callable[[str], bool]
) -> Finding | None:
    if state.previous is None or event.previous_hash == state.previous:
        return None
    if event.previous_hash == chain.genesis(shard) or exists(event.previous_hash):
        return Finding(event.pk, "reordered", "the event it follows is not the one before it")
    return Finding(event.pk, "removed", "the event it follows is missing from the log")


def _place_finding(event: Any, state: Shard, shard: int) -> Finding | None:
    """Every event has its place in its shard, but for the events from before the chain was
    sharded, which open shard 0."""
    sequence = getattr(event, "sequence", None)
    if sequence is None:
        if shard != 0 or state.sequenced:
            return Finding(
                event.pk,
                "forged",
                f"it has no place in shard {shard}: only the events from before the chain was "
                "sharded, at the start of shard 0, have none, and the application never writes "
                "that",
            )
        return None
    expected = sequence if state.position is None else state.position + 1
    if sequence != expected:
        return Finding(
            event.pk,
            "out of sequence",
            f"it says it is event {sequence:,} of shard {shard}, but it is event {expected:,} "
            "there",
        )
    state.sequenced = True
    return None


def _check(
    event: Any,
    following: Any | None,
    state: Shard,
    exists: Callable[[str], bool],
    marks: dict[int, int],
    walked: Walked,
) -> Finding | None:
    shard = int(getattr(event, "shard", 0) or 0)
    finding = _key_finding(event, state)
    if finding is not None:
        return finding
    if not chain.matches(event):
        return _classify(event, following)
    finding = _link_finding(event, state, shard, exists) or _place_finding(event, state, shard)
    if finding is not None:
        return finding
    state.previous = event.hash
    if state.position is not None:
        state.position += 1
    elif getattr(event, "sequence", None) is not None:
        state.position = event.sequence
    if state.position is not None and marks.get(shard) == state.position:
        walked.marked[shard] = event.hash
    state.last = event
    return None


def walk(
    events: Iterable[Any],
    *,
    exists: Callable[[str], bool],
    start: Callable[[int], Shard] = Shard.from_genesis,
    require_keyed: bool = True,
    marks: dict[int, int] | None = None,
) -> Walked:
    """Checks the events, read once in id order, each shard as a chain of its own. Stops at the
    first finding. `start(shard)` says where each shard's walk begins; `exists` says whether a
    hash is anywhere in the events, to tell an event removed from one moved; `marks` asks for
    the hash at a place in a shard (for the checkpoint)."""
    walked = Walked()
    marks = marks or {}
    for event in events:
        shard = int(getattr(event, "shard", 0) or 0)
        state = walked.shards.get(shard)
        if state is None:
            state = walked.shards[shard] = start(shard)
        if state.pending is not None:
            walked.checked += 1
            walked.finding = _check(state.pending, event, state, exists, marks, walked)
            if walked.finding is not None:
                return walked
        state.pending = event
    for shard, state in sorted(walked.shards.items()):
        if state.pending is not None:
            walked.checked += 1
            walked.finding = _check(state.pending, None, state, exists, marks, walked)
            state.pending = None
            if walked.finding is not None:
                return walked
        if require_keyed and state.last is not None and state.newest_age == 0:
            walked.finding = Finding(
                state.last.pk,
                "unsealed",
                f"every event of shard {shard} is in the unkeyed form, which anyone with the "
                "database could have written: the migration that keyed the chain seals such "
                "events with a keyed one",
            )
            return walked
    return walked
