"""Writing rows in bulk without Django building an INSERT for each model instance:
PostgreSQL's COPY, or one `executemany` insert on other databases.

For the scale data (`demo.national`) and the bulk import (`people.bulk`): Django's
`bulk_create` compiles an INSERT of at most a few hundred rows (SQLite allows 999 parameters)
and costs more than the writing itself. No model's save() or signals run: the callers record
their audit events themselves (`throughcare.audit.fast`), in the same transaction.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

Row = Sequence[Any]


def columns(model: type[models.Model]) -> list[str]:
    """The model's columns, in the order rows give their values."""
    return [str(field.column) for field in model._meta.concrete_fields]


def values(instance: models.Model) -> list[Any]:
    """An unsaved instance's row, in `columns` order (with what saving it would fill in, such
    as an `auto_now_add` time, as `bulk_create` fills it)."""
    return [field.pre_save(instance, True) for field in instance._meta.concrete_fields]


@functools.cache
def _fields(model: type[models.Model]) -> list[tuple[str, str, bool, bool, Callable[[], Any]]]:
    return [
        (
            f.name,
            f.attname,
            f.is_relation,
            bool(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)),
            f._get_default,  # type: ignore[attr-defined]
        )
        for f in model._meta.concrete_fields
    ]


def row(model: type[models.Model], data: Mapping[str, Any]) -> list[Any]:
    """A new row, in `columns` order, from field values by name (a related object, or its id
    by the field's attname) and defaults for the rest: what `values(model(**data))` gives
    (an `auto_now` or `auto_now_add` time is now), without making a model instance."""
    now = timezone.now()
    values = []
    for name, attname, is_relation, stamped, default in _fields(model):
        if stamped:
            value = now
        elif name in data:
            value = data[name]
            if is_relation and isinstance(value, models.Model):
                value = value.pk
        elif attname in data:
            value = data[attname]
        else:
            value = default()
        values.append(value)
    return values


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for the model, taken from its sequence on PostgreSQL; on other
    databases the next ones after the largest ever given (on SQLite, after the table's
    AUTOINCREMENT counter too, so the id of a deleted row is never given again). Call it inside
    the writing transaction: SQLite has one writer at a time."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        largest = f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}"  # noqa: S608 - a model's table name
        if connection.vendor == "sqlite":
            largest = (
                f"SELECT MAX(({largest}), COALESCE("  # noqa: S608 - the query above
                "(SELECT seq FROM sqlite_sequence WHERE name = %s), 0))"
            )
        cursor.execute(largest, [table] if connection.vendor == "sqlite" else [])
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


# Fields whose preparation leaves a str, an int or None as it is: such values go straight in.
_PLAIN = {"CharField", "TextField", "IntegerField", "PositiveIntegerField", "BigIntegerField"}
_PLAIN |= {"SmallIntegerField", "PositiveSmallIntegerField", "AutoField", "BigAutoField"}
_PLAIN |= {"PositiveBigIntegerField"}


def _uuid_text(value: Any) -> str | None:
    return value.hex if type(value) is uuid.UUID else None


def _date_text(value: Any) -> str | None:
    return value.isoformat() if type(value) is date else None


def _datetime_text(value: Any) -> str | None:
    if type(value) is not datetime or value.tzinfo is None or not settings.USE_TZ:
        return None
    return str(value.astimezone(UTC).replace(tzinfo=None))


# On a database without a native UUID or date type (SQLite): what Django's preparation gives
# (`UUIDField.get_db_prep_value`: the hex; `adapt_datefield_value`: str(), the ISO date;
# `adapt_datetimefield_value`: an aware time made naive in UTC, then str()) for
# the common value types, without its per-value calls; None: another type, prepared by Django.
_TEXT = {"UUIDField": _uuid_text, "DateField": _date_text, "DateTimeField": _datetime_text}


def _kind(field: models.Field) -> str:
    target = getattr(field, "target_field", None) if field.is_relation else None
    return str((target or field).get_internal_type())


def _prepared(field: models.Field, column: Sequence[Any]) -> list[Any]:
    """A column's values as the database takes them: a value the whole column holds (most of
    a batch's audit events, say) is prepared once, any other value once a column, and plain
    strings and numbers not at all."""
    first = column[0]
    if all(value == first and type(value) is type(first) for value in column):
        return [field.get_db_prep_save(first, connection)] * len(column)
    kind = _kind(field)
    if kind in _PLAIN and all(value is None or type(value) in (str, int) for value in column):
        return list(column)
    text = _TEXT.get(kind) if connection.vendor == "sqlite" else None
    if text is not None:
        fast = [None if value is None else text(value) for value in column]
        if all(f is not None or v is None for f, v in zip(fast, column, strict=True)):
            return fast
    prepare = field.get_db_prep_save
    memo: dict[tuple[type, Any], Any] = {}
    prepared: list[Any] = []
    for value in column:  # each distinct value prepared once (dates repeat, say)
        try:
            key = (type(value), value)
            if key not in memo:
                memo[key] = prepare(value, connection)
            prepared.append(memo[key])
        except TypeError:  # unhashable (a JSON list or dict)
            prepared.append(prepare(value, connection))
    return prepared


def write(model: type[models.Model], rows: Iterable[Row], cols: list[str] | None = None) -> None:
    """Inserts the rows (values in `cols` order, by default every column) into the model's
    table, in the caller's transaction. No model's save() or signals run."""
    rows = list(rows)
    if not rows:
        return
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
    by_column = zip(cols, zip(*rows, strict=True), strict=True)
    prepared = list(zip(*(_prepared(fields[c], column) for c, column in by_column), strict=True))
    marks = ", ".join(["%s"] * len(cols))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", prepared)  # noqa: S608 - names from the model
