"""Verifying the audit chain from a CSV export alone (`manage.py verify_audit --csv FILE`).

The export carries every field an event's hash covers (`chain.KEYED_FIELDS`), with the event's
id and its predecessor's hash, so the chain can be re-verified away from the database: by an
auditor with the audit key, or after the export has been kept somewhere else.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from . import chain
from .walk import Finding, Shard, walk

# Exports made before the chain was sharded have no shard or sequence: their events are read
# as shard 0 without a place, as they were written.
OPTIONAL = ("shard", "sequence")
REQUIRED = (
    "id",
    *(name for name in chain.KEYED_FIELDS if name not in OPTIONAL),
    "previous_hash",
    "hash",
)


class ExportError(ValueError):
    """The file is not an audit export that can be verified."""


def _text(cell: str) -> str:
    """A cell as it was before the export made it safe for spreadsheets: the export puts a
    quote before any value that starts with a formula character or a quote."""
    return cell[1:] if cell.startswith("'") else cell


def _number(cell: str) -> int | None:
    return int(cell) if cell else None


def _event(row: dict[str, str], line: int) -> SimpleNamespace:
    values = {column: _text(row.get(column) or "") for column in (*REQUIRED, *OPTIONAL)}
    try:
        return SimpleNamespace(
            pk=int(values["id"]),
            occurred_at=datetime.datetime.fromisoformat(values["occurred_at"]),
            user_id=_number(values["user_id"]),
            user_email=values["user_email"],
            user_role=values["user_role"],
            person_id=values["person_id"] or None,
            record_type=values["record_type"],
            record_id=values["record_id"],
            record_version=_number(values["record_version"]),
            operation=values["operation"],
            outcome=values["outcome"],
            recipient=values["recipient"],
            reason=values["reason"],
            request_id=values["request_id"],
            fields=json.loads(values["fields"] or "[]"),
            key_id=values["key_id"],
            shard=_number(values["shard"]) or 0,
            sequence=_number(values["sequence"]),
            previous_hash=values["previous_hash"],
            hash=values["hash"],
        )
    except (ValueError, TypeError) as problem:
        raise ExportError(f"line {line} cannot be read: {problem}") from None


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
        if missing:
            raise ExportError(
                "it is not an audit export with every column needed to verify it "
                f"(missing: {', '.join(missing)})"
            )
        yield from reader


def _events(path: Path) -> Iterator[Any]:
    for line, row in enumerate(_rows(path), start=2):
        yield _event(row, line)


def verify_export(path: Path) -> tuple[int, Finding | None]:
    """Checks each shard's chain through the exported events. An export of a date range starts
    part way through the log, so the first event of each shard may follow any hash and have any
    place; every later one must follow the one before it in its shard, at the next place."""
    if not path.exists():
        raise ExportError(f"there is no file at {path}")

    def exists(value: str) -> bool:
        return any(_text(row["hash"]) == value for row in _rows(path))

    walked = walk(_events(path), exists=exists, start=Shard.part_way, require_keyed=False)
    return walked.checked, walked.finding
