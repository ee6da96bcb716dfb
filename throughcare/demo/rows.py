"""Writing generated rows in bulk without a model instance each: PostgreSQL's COPY, or an
`executemany` insert on other databases; and the audit events that record them, chained.

For seeding scale data only (`national.py`): 250,000 people are about 11 million rows, and
building a Django model instance for each one costs more than writing it. The audit events are
hashed exactly as `throughcare.audit.chain` hashes them: the JSON of one event of each call is
made by `chain.content` and checked against `chain.hash_of`, and only the two values that change
from row to row (the person and record ids) are put into it for the others.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from django.db import connection, models

from throughcare.audit import chain, keys
from throughcare.audit import services as audit_services
from throughcare.audit.context import current_request_id
from throughcare.audit.models import AuditEvent, Outcome, RecordType
from throughcare.core import clock

Row = Sequence[Any]


def columns(model: type[models.Model]) -> list[str]:
    """The model's columns, in the order rows give their values."""
    return [str(field.column) for field in model._meta.concrete_fields]


def values(instance: models.Model) -> list[Any]:
    """An unsaved instance's row, in `columns` order (with what saving it would fill in, such
    as an `auto_now_add` time, as `bulk_create` fills it)."""
    return [field.pre_save(instance, True) for field in instance._meta.concrete_fields]


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for the model, taken from its sequence on PostgreSQL; on other
    databases the next ones after the largest (call it inside the writing transaction: SQLite
    has one writer at a time)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a model's table name
        row = cursor.fetchone()
        start = int(row[0] if row else 0) + 1
        return list(range(start, start + count))


def _copy_text(value: Any) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (list, dict)):
        value = json.dumps(value)
    elif isinstance(value, (date, datetime)):
        value = value.isoformat()
    else:
        value = str(value)
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _copy_columns(rows: Iterable[Row]) -> list[list[str]]:
    """The rows' values in COPY's text format, column by column: a column holding one value
    throughout (most of a generated row) is formatted once."""
    formatted = []
    for column in zip(*rows, strict=True):
        first = column[0]
        if all(value == first and type(value) is type(first) for value in column):
            formatted.append([_copy_text(first)] * len(column))
        else:
            formatted.append(list(map(_copy_text, column)))
    return formatted


def write(model: type[models.Model], rows: Iterable[Row], cols: list[str] | None = None) -> None:
    """Inserts the rows (values in `cols` order, by default every column) into the model's
    table, in the caller's transaction. No model's save() or signals run."""
    cols = cols or columns(model)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in cols)
    if connection.vendor == "postgresql":
        text = "".join(
            f"{line}\n" for line in map("\t".join, zip(*_copy_columns(rows), strict=True))
        )
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            copy.write(text)
        return
    fields = {field.column: field for field in model._meta.concrete_fields}
    prepare = [fields[c].get_db_prep_save for c in cols]
    prepared = [[p(v, connection) for p, v in zip(prepare, row, strict=True)] for row in rows]
    marks = ", ".join(["%s"] * len(cols))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", prepared)  # noqa: S608 - names from the model


_EVENT_COLUMNS = [c for c in columns(AuditEvent) if c != "id"]
# Stand-ins for the three values that change from event to event, found again in the JSON.
_PERSON, _RECORD, _SEQUENCE = "\x00person\x00", "\x00record\x00", "\x00sequence\x00"


def audit_collection(
    *, user: Any, record_type: str, records: Sequence[tuple[uuid.UUID, object]], reason: str = ""
) -> None:
    """One collection event for each (person id, record id), appended to the chain as
    `audit.services.record_many` would append them, in the caller's transaction."""
    if not records:
        return
    RecordType.for_new_event(record_type)
    shard, previous, sequence = audit_services.lock_chain()
    key_id, _secret = keys.current()
    probe = SimpleNamespace(
        occurred_at=clock.now(),
        user_id=user.pk if user is not None else None,
        user_email=user.email if user is not None else "",
        user_role=user.role if user is not None else "",
        person_id=_PERSON,
        record_type=record_type,
        record_id=_RECORD,
        record_version=None,
        operation="collection",
        outcome=str(Outcome.ALLOWED),
        recipient="",
        reason=reason,
        request_id=current_request_id(),
        fields=[],
        key_id=key_id,
        previous_hash=previous,
        shard=shard,
        sequence=_SEQUENCE,
    )
    text = json.dumps(chain.content(probe), sort_keys=True, separators=(",", ":"), default=str)
    # The keys are sorted: person_id comes before record_id, and record_id before sequence.
    head, rest = text.split(json.dumps(_PERSON))
    middle, rest = rest.split(json.dumps(_RECORD))
    between, tail = rest.split(json.dumps(_SEQUENCE))
    if _RECORD in head or _SEQUENCE in head + middle:
        raise AssertionError("the audit content changed its order")  # pragma: no cover
    keyed = hmac.new(keys.secret(key_id), digestmod=hashlib.sha256) if key_id else None
    rows = []
    fixed = [getattr(probe, c, None) for c in _EVENT_COLUMNS]
    person_at, record_at = _EVENT_COLUMNS.index("person_id"), _EVENT_COLUMNS.index("record_id")
    previous_at, hash_at = _EVENT_COLUMNS.index("previous_hash"), _EVENT_COLUMNS.index("hash")
    sequence_at = _EVENT_COLUMNS.index("sequence")
    for number, (person_id, record_id) in enumerate(records):
        person, record = json.dumps(str(person_id)), json.dumps(str(record_id))
        place = sequence + number
        payload = f"{previous}{head}{person}{middle}{record}{between}{place}{tail}".encode()
        if keyed is None:
            digest = hashlib.sha256(payload).hexdigest()
        else:
            mac = keyed.copy()
            mac.update(payload)
            digest = mac.hexdigest()
        row = list(fixed)
        row[person_at], row[record_at] = person_id, str(record_id)
        row[previous_at], row[hash_at], row[sequence_at] = previous, digest, place
        if number == 0:
            _check(row)
        rows.append(row)
        previous = digest
    write(AuditEvent, rows, _EVENT_COLUMNS)


def _check(row: list[Any]) -> None:
    """The fast hash is the chain's own, for the first event of each call."""
    event = SimpleNamespace(**dict(zip(_EVENT_COLUMNS, row, strict=True)))
    if not chain.matches(event):
        raise AssertionError("the seeded audit event's hash is not the chain's")  # pragma: no cover
