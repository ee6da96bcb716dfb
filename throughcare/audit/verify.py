"""Checks the audit chain: finds the first event that was altered, removed or reordered."""

from __future__ import annotations

from dataclasses import dataclass

from .models import AuditEvent
from .services import GENESIS_HASH, event_hash, hashed_content


@dataclass(frozen=True)
class Finding:
    event_id: int
    problem: str  # "altered", "removed" or "reordered"
    detail: str


def verify_chain(chunk_size: int = 5000) -> tuple[int, Finding | None]:
    """Walks the log in id order. Returns how many events were checked and the first finding.

    - altered: the event's content no longer gives its stored hash;
    - removed: the event points to a predecessor that is no longer in the log;
    - reordered: the event points to a predecessor that is in the log, but not just before it.
    """
    expected_previous = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        checked += 1
        if event_hash(event.previous_hash, hashed_content(event)) != event.hash:
            return checked, Finding(event.pk, "altered", "its content does not match its hash")
        if event.previous_hash != expected_previous:
            if (
                event.previous_hash == GENESIS_HASH
                or AuditEvent.objects.filter(hash=event.previous_hash).exists()
            ):
                return checked, Finding(
                    event.pk, "reordered", "the event it follows is not the one before it"
                )
            return checked, Finding(
                event.pk, "removed", "the event it follows is missing from the log"
            )
        expected_previous = event.hash
    return checked, None
