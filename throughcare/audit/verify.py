"""Checks the audit chain, and the log against the latest signed checkpoint, and names the
first problem found.

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
- reordered: an event follows a predecessor that is in the log, but not just before it;
- unknown key: an event names an audit key that is not configured;
- unsealed: the log holds only events in the unkeyed form, which anyone could have written;
- missing tail / empty: the log has fewer events than the latest checkpoint counted, or its
  event at the checkpoint's count is not the one the checkpoint signed;
- checkpoint: the checkpoint's signature is not the audit key's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import chain, keys
from .checkpoint import Checkpoint
from .models import AuditEvent


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


def walk(
    events: Iterable[Any],
    *,
    exists: Callable[[str], bool],
    first_previous: str | None = chain.GENESIS_HASH,
    require_keyed: bool = True,
    mark: int = 0,
) -> tuple[int, Finding | None, str | None]:
    """Checks the events in order. Returns how many were checked, the first finding, and the
    hash of the `mark`-th event (counting from 1; for the checkpoint) if it was reached.

    `first_previous` is the hash the first event must follow (None: whatever it follows, for an
    export that starts part way); `exists` says whether a hash is anywhere in the events, to
    tell an event removed from one moved.
    """
    checked = 0
    marked: str | None = None
    expected_previous = first_previous
    newest_age = 0
    iterator = iter(events)
    event = next(iterator, None)
    last = None
    while event is not None:
        following = next(iterator, None)
        checked += 1
        if not keys.is_configured(event.key_id):
            return (
                checked,
                Finding(
                    event.pk,
                    "unknown key",
                    f"its hash names the audit key {event.key_id}, which is not configured",
                ),
                marked,
            )
        age = keys.age(event.key_id)
        if age < newest_age:
            older = "in the unkeyed form" if age == 0 else f"made with the older key {event.key_id}"
            return (
                checked,
                Finding(
                    event.pk,
                    "forged",
                    f"it is {older}, after events made with a newer key: the application never "
                    "writes that",
                ),
                marked,
            )
        newest_age = age
        if not chain.matches(event):
            return checked, _classify(event, following), marked
        if expected_previous is not None and event.previous_hash != expected_previous:
            if event.previous_hash == chain.GENESIS_HASH or exists(event.previous_hash):
                return (
                    checked,
                    Finding(event.pk, "reordered", "the event it follows is not the one before it"),
                    marked,
                )
            return (
                checked,
                Finding(event.pk, "removed", "the event it follows is missing from the log"),
                marked,
            )
        expected_previous = event.hash
        if checked == mark:
            marked = event.hash
        last = event
        event = following
    if require_keyed and last is not None and newest_age == 0:
        return (
            checked,
            Finding(
                last.pk,
                "unsealed",
                "every event is in the unkeyed form, which anyone with the database could have "
                "written: the migration that keyed the chain seals such events with a keyed one",
            ),
            marked,
        )
    return checked, None, marked


def against_checkpoint(checked: int, marked: str | None, checkpoint: Checkpoint) -> Finding | None:
    """Whether the log still holds what the checkpoint signed: at least as many events, and
    the checkpoint's last event where it was."""
    if not checkpoint.signature_ok():
        return Finding(
            None,
            "checkpoint",
            f"the checkpoint of {checkpoint.at} is not signed with the audit key "
            f"{checkpoint.key_id}: it was not written by audit_checkpoint",
        )
    when = f"the checkpoint of {checkpoint.at}"
    if checked < checkpoint.count:
        if checked == 0:
            return Finding(
                None, "empty", f"the log is empty, but {when} counted {checkpoint.count:,} events"
            )
        missing = checkpoint.count - checked
        return Finding(
            None,
            "missing tail",
            f"the log ends after {checked:,} events, but {when} counted {checkpoint.count:,}: "
            f"the last {missing:,} event{'s' if missing != 1 else ''} up to event "
            f"{checkpoint.last_id} are missing",
        )
    if checkpoint.count and marked != checkpoint.last_hash:
        return Finding(
            None,
            "missing tail",
            f"event {checkpoint.count:,} of the log is not the event {when} ended with "
            f"(event {checkpoint.last_id}): events were removed from the end of the log and "
            "others written after them",
        )
    return None


def verify_chain(
    chunk_size: int = 5000, checkpoint: Checkpoint | None = None
) -> tuple[int, Finding | None]:
    """Walks the log in id order, then compares it with the checkpoint if there is one.
    Returns how many events were checked and the first finding."""
    events = AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size)
    checked, finding, marked = walk(
        events,
        exists=lambda value: AuditEvent.objects.filter(hash=value).exists(),
        mark=checkpoint.count if checkpoint is not None else 0,
    )
    if finding is None and checkpoint is not None:
        finding = against_checkpoint(checked, marked, checkpoint)
    return checked, finding
