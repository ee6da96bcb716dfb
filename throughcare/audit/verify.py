"""Checks the audit log in the database: every shard's chain, and the log against the latest
signed checkpoint; names the first problem found (what each means: `walk`).

- `verify_chain` reads the whole log from the first event (`verify_audit --full`, or when there
  is no checkpoint), then compares it with the checkpoint if there is one.
- `verify_since` starts at a checkpoint: it checks that each shard's head the checkpoint signed
  is still in the log as it was, then reads only the events after the checkpoint, each shard
  from its head. Events before the checkpoint were checked by the run that came before it; a
  full run now and then (`--full`) checks them again.
"""

from __future__ import annotations

from . import chain, keys
from .checkpoint import Checkpoint
from .models import AuditEvent
from .shards import Head
from .walk import Finding, Shard, Walked, walk

__all__ = ["Finding", "against_checkpoint", "verify_chain", "verify_since"]


def _exists(value: str) -> bool:
    return AuditEvent.objects.filter(hash=value).exists()


def _signature_finding(checkpoint: Checkpoint) -> Finding | None:
    if checkpoint.signature_ok():
        return None
    return Finding(
        None,
        "checkpoint",
        f"the checkpoint of {checkpoint.at} is not signed with the audit key "
        f"{checkpoint.key_id}: it was not written by audit_checkpoint",
    )


def _missing(shard: int, have: int, head: Head, when: str) -> Finding:
    missing = head.sequence - have
    return Finding(
        None,
        "missing tail",
        f"shard {shard} of the log ends after {have:,} events, but {when} counted "
        f"{head.sequence:,} there: the last {missing:,} event{'s' if missing != 1 else ''} up "
        f"to event {head.id} are missing",
    )


def against_checkpoint(walked: Walked, checkpoint: Checkpoint) -> Finding | None:
    """Whether the log still holds what the checkpoint signed: in every shard, at least as many
    events, and the shard's head where it was."""
    finding = _signature_finding(checkpoint)
    if finding is not None:
        return finding
    when = f"the checkpoint of {checkpoint.at}"
    if walked.checked == 0 and checkpoint.count:
        return Finding(
            None, "empty", f"the log is empty, but {when} counted {checkpoint.count:,} events"
        )
    for shard, head in sorted(checkpoint.shard_heads().items()):
        state = walked.shards.get(shard)
        have = state.position or 0 if state is not None else 0
        if have < head.sequence:
            return _missing(shard, have, head, when)
        if walked.marked.get(shard) != head.hash:
            return Finding(
                None,
                "missing tail",
                f"event {head.sequence:,} of shard {shard} is not the event {when} ended that "
                f"shard with (event {head.id}): events were removed from the end of the shard "
                "and others written after them",
            )
    return None


def verify_chain(
    chunk_size: int = 5000, checkpoint: Checkpoint | None = None
) -> tuple[int, Finding | None]:
    """Walks the whole log in id order, then compares it with the checkpoint if there is one.
    Returns how many events were checked and the first finding."""
    events = AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size)
    marks = {}
    if checkpoint is not None:
        marks = {shard: head.sequence for shard, head in checkpoint.shard_heads().items()}
    walked = walk(events, exists=_exists, marks=marks)
    finding = walked.finding
    if finding is None and checkpoint is not None:
        finding = against_checkpoint(walked, checkpoint)
    return walked.checked, finding


def _head_finding(shard: int, head: Head, when: str) -> tuple[Finding | None, Shard | None]:
    """Whether the shard's head the checkpoint signed is still in the log as it was; if so,
    where the shard's walk starts."""
    event = AuditEvent.objects.filter(pk=head.id).first()
    place = None if event is None else (event.sequence or head.sequence)
    if event is None or (event.shard, place, event.hash) != (shard, head.sequence, head.hash):
        if not AuditEvent.objects.exists():
            return Finding(None, "empty", f"the log is empty, but {when} signed events"), None
        return (
            Finding(
                None,
                "missing tail",
                f"the last event of shard {shard} that {when} signed (event {head.id}, number "
                f"{head.sequence:,} there) is no longer in the log as it was",
            ),
            None,
        )
    if not keys.is_configured(event.key_id) or not chain.matches(event):
        return (
            Finding(
                event.pk,
                "altered",
                f"the last event of shard {shard} that {when} signed no longer matches its hash",
            ),
            None,
        )
    start = Shard(
        previous=head.hash,
        position=head.sequence,
        newest_age=keys.age(event.key_id),
        sequenced=event.sequence is not None,
        last=event,
    )
    return None, start


def verify_since(checkpoint: Checkpoint, chunk_size: int = 5000) -> tuple[int, Finding | None]:
    """Checks the events written after the checkpoint, each shard from the head the checkpoint
    signed. Returns how many events were checked (those after the checkpoint) and the first
    finding."""
    finding = _signature_finding(checkpoint)
    if finding is not None:
        return 0, finding
    when = f"the checkpoint of {checkpoint.at}"
    starts: dict[int, Shard] = {}
    for shard, head in sorted(checkpoint.shard_heads().items()):
        finding, start = _head_finding(shard, head, when)
        if finding is not None or start is None:
            return 0, finding
        starts[shard] = start
    events = (
        AuditEvent.objects.filter(id__gt=checkpoint.last_id or 0)
        .order_by("id")
        .iterator(chunk_size=chunk_size)
    )
    walked = walk(
        events,
        exists=_exists,
        start=lambda shard: starts.get(shard) or Shard.from_genesis(shard),
    )
    return walked.checked, walked.finding
