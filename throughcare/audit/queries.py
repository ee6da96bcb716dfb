"""Reads of the whole audit log: the export of events for a date range. The pages that read the
log through the access policy (who has seen a record, a user's activity) are the oversight
app's (`throughcare.oversight.queries`)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from .models import AuditEvent

LONDON = ZoneInfo("Europe/London")

# Every field an event's hash covers (chain.KEYED_FIELDS), with the event's id and the hash
# it follows: enough to verify the chain from the export alone (`verify_audit --csv FILE`).
EXPORT_COLUMNS = (
    "id",
    "occurred_at",
    "user_id",
    "user_email",
    "user_role",
    "person_id",
    "record_type",
    "record_id",
    "record_version",
    "operation",
    "outcome",
    "recipient",
    "reason",
    "request_id",
    "fields",
    "key_id",
    "shard",
    "sequence",
    "previous_hash",
    "hash",
)


def london_day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a day in Europe/London, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LONDON)


def export_window(
    first_day: datetime.date, last_day: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants from the start of the first day to the end of the last, days as they are
    in Europe/London (so a summer day starts at 23:00 UTC the day before)."""
    return london_day_start(first_day), london_day_start(last_day + datetime.timedelta(days=1))


def _utc_iso(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat()


def export_rows(first_day: datetime.date, last_day: datetime.date) -> Iterator[list[str]]:
    """The events from the first day to the last (inclusive), in log order, one list of
    strings per event: a header row first. Read in chunks, so memory stays flat however many
    events there are."""
    start, end = export_window(first_day, last_day)
    yield list(EXPORT_COLUMNS)
    values = (
        AuditEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
        .order_by("id")
        .values_list(*EXPORT_COLUMNS)
    )
    for row in values.iterator(chunk_size=2000):
        yield [
            _export_cell(column, value) for column, value in zip(EXPORT_COLUMNS, row, strict=True)
        ]


def _export_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column == "occurred_at":
        return _utc_iso(value)
    if column == "fields":
        return json.dumps(list(value))
    return str(value)
