"""Signed checkpoints of the audit log, kept outside the database.

A checkpoint records how many events the log held, the id and hash of the last, the head (place,
id and hash of the last event) of every shard of the chain, and when; it is signed with the audit
key. Checkpoints written before the chain was sharded have no heads: the log was one chain, shard
0, whose head was the last event. `manage.py audit_checkpoint` writes one on a schedule to a file
or to standard output (for the operator's log store); `verify_audit` checks the log against
the latest. The chain alone shows an event edited, removed or added in the middle; only a
record kept elsewhere shows events removed from the end, or all of them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import transaction

from throughcare.core import clock

from . import chain, keys, shards

# Signatures cover this label as well as the values, so that a checkpoint's signature can never
# pass for an event's hash or the other way round. Checkpoints with the shards' heads have a
# label of their own.
_LABEL = b"throughcare audit checkpoint 1\n"
_LABEL_SHARDED = b"throughcare audit checkpoint 2\n"

# A shard's head as a checkpoint signs it: shard, place (sequence), event id, hash.
HeadRow = tuple[int, int, int, str]


class CheckpointError(ValueError):
    """A checkpoint that cannot be read."""


@dataclass(frozen=True)
class Checkpoint:
    count: int
    last_id: int | None
    last_hash: str
    at: str  # when it was taken, ISO 8601 in UTC
    key_id: str
    signature: str = ""
    heads: tuple[HeadRow, ...] | None = None  # None: written before the chain was sharded

    def _payload(self) -> bytes:
        values = asdict(self)
        del values["signature"]
        label = _LABEL_SHARDED
        if self.heads is None:
            del values["heads"]
            label = _LABEL
        return label + json.dumps(values, sort_keys=True, separators=(",", ":")).encode()

    def shard_heads(self) -> dict[int, shards.Head]:
        """The head of every shard the checkpoint signed. One written before the chain was
        sharded signed one chain: shard 0, ending at its last event."""
        if self.heads is None:
            if self.count == 0 or self.last_id is None:
                return {}
            return {0: shards.Head(0, self.count, self.last_id, self.last_hash)}
        return {row[0]: shards.Head(*row) for row in self.heads}

    def signed(self) -> Checkpoint:
        signature = hmac.new(keys.secret(self.key_id), self._payload(), hashlib.sha256)
        return Checkpoint(**{**asdict(self), "signature": signature.hexdigest()})

    def signature_ok(self) -> bool:
        """Whether the signature was made with the audit key the checkpoint names."""
        if self.key_id == keys.LEGACY_KEY_ID or not keys.is_configured(self.key_id):
            return False
        expected = hmac.new(keys.secret(self.key_id), self._payload(), hashlib.sha256)
        return hmac.compare_digest(expected.hexdigest(), self.signature)

    def to_json(self) -> str:
        return json.dumps({"audit_checkpoint": asdict(self)}, sort_keys=True)


def take() -> Checkpoint:
    """The log as it is now, signed with the current audit key. Taken under every shard's
    lock, so no event is half-written meanwhile, and every event written after it has a
    greater id than its last (which lets `verify_since` start there)."""
    with transaction.atomic():
        shards.lock_all()
        heads = shards.heads()
    last = max(heads.values(), key=lambda head: head.id, default=None)
    key_id, _ = keys.current()
    return Checkpoint(
        count=sum(head.sequence for head in heads.values()),
        last_id=None if last is None else last.id,
        last_hash=chain.GENESIS_HASH if last is None else last.hash,
        at=chain.utc_timestamp(clock.now()),
        key_id=key_id,
        heads=tuple(
            (head.shard, head.sequence, head.id, head.hash) for _, head in sorted(heads.items())
        ),
    ).signed()


def parse(line: str) -> Checkpoint:
    try:
        values = json.loads(line)["audit_checkpoint"]
        checkpoint = Checkpoint(
            count=int(values["count"]),
            last_id=None if values["last_id"] is None else int(values["last_id"]),
            last_hash=str(values["last_hash"]),
            at=str(values["at"]),
            key_id=str(values["key_id"]),
            signature=str(values["signature"]),
            heads=_heads(values.get("heads")),
        )
    except (ValueError, KeyError, TypeError) as problem:
        raise CheckpointError(f"not an audit checkpoint ({problem})") from None
    if checkpoint.count < 0:
        raise CheckpointError("not an audit checkpoint (a negative count)")
    return checkpoint


def _heads(values: object) -> tuple[HeadRow, ...] | None:
    if values is None:
        return None
    if not isinstance(values, list):
        raise TypeError("the heads are not a list")
    return tuple((int(s), int(n), int(i), str(h)) for s, n, i, h in values)


_START = '{"audit_checkpoint"'


def latest(lines: Iterable[str]) -> Checkpoint | None:
    """The last checkpoint among these lines. Lines that are not checkpoints (other entries in
    a log store's output) are passed over, and whatever a log store put before a checkpoint on
    its line (a time, a host name) is left out."""
    found = None
    for line in lines:
        if _START in line:
            found = line
    return None if found is None else parse(found[found.index(_START) :].strip())


def read_latest(source: str) -> Checkpoint | None:
    """The latest checkpoint in a file, or in standard input for "-"."""
    if source == "-":
        return latest(sys.stdin)
    path = Path(source)
    if not path.exists():
        raise CheckpointError(f"there is no checkpoint file at {source}")
    with path.open(encoding="utf-8") as lines:
        return latest(lines)


def append(path: str, checkpoint: Checkpoint) -> None:
    """Adds the checkpoint to the end of the file (created if need be, readable by its owner
    and group only), and waits until it is on disk."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, (checkpoint.to_json() + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
