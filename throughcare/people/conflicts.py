"""Saving a form loaded from an older version of a person's record.

A page that edits the person carries, besides the version it was loaded at, the values it
showed then (`loaded_token`: signed, so it cannot be altered, and bound to the record and
version). When the record has changed meanwhile, comparing three sets of values says who
changed what:

- the user's changes: the fields whose submitted value differs from the value loaded;
- the colleague's: the fields whose value now differs from the value loaded;
- conflicts: fields both changed, to different values.

The save is refused (StaleEditError); the page then shows the colleague's values beside the
user's and offers the form again from the version now seen: the colleague's values in the
fields the user did not touch, the user's own in the fields they changed. Saving that writes
only what the user changed, so a field the user never touched is never overwritten.

A save from an older version that asks for exactly what the record now holds (the same save
sent twice) is not refused: there is nothing to write and nothing the user has not seen.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core import signing
from django.db import models

_SALT = "throughcare.people.loaded"


def comparable(value: Any) -> str | bool:
    """A value as the form gives it or the model holds it, in one form for comparing: a
    record by its key, a date in ISO form, nothing as ''."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return str(value)


def snapshot(record: models.Model, fields: Iterable[str]) -> dict[str, str | bool]:
    """The record's values for the fields, comparable; related records by their key."""
    return {field: comparable(record.serializable_value(field)) for field in fields}


def loaded_token(record: models.Model, version: int, fields: Iterable[str]) -> str:
    """The values a page shows, signed, for its form to carry."""
    return signing.dumps(
        {"record": str(record.pk), "version": version, "values": snapshot(record, fields)},
        salt=_SALT,
        compress=True,
    )


def loaded_values(token: str, record_id: uuid.UUID, version: int) -> dict[str, Any] | None:
    """The values a page was loaded with, if the token is genuine and was made for this record
    at this version; otherwise None (unknown)."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if payload.get("record") != str(record_id) or payload.get("version") != version:
        return None
    values = payload.get("values")
    return values if isinstance(values, dict) else None


def holds(record: models.Model, submitted: Mapping[str, Any]) -> bool:
    """Whether the record already has every submitted value."""
    now = snapshot(record, submitted)
    return all(comparable(value) == now[field] for field, value in submitted.items())


@dataclass(frozen=True)
class Changes:
    mine: frozenset[str]
    theirs: frozenset[str]
    conflicts: frozenset[str]


def compare(
    *,
    current: models.Model,
    submitted: Mapping[str, Any],
    loaded: Mapping[str, Any] | None,
    changed_meanwhile: Iterable[str],
) -> Changes:
    """Who changed which of the submitted fields since the page was loaded. Without the
    loaded values (`loaded` None), every submitted value that differs from the record's is
    taken as the user's, and the audit log's `changed_meanwhile` as the colleague's: so a
    field both may have changed is a conflict, shown to the user, never silently written."""
    now = snapshot(current, submitted)
    given = {field: comparable(value) for field, value in submitted.items()}
    loaded = loaded or {}
    mine = {
        field
        for field in given
        if given[field] != (loaded[field] if field in loaded else now[field])
    }
    theirs = {field for field in given if field in loaded and now[field] != loaded[field]}
    theirs |= set(changed_meanwhile) & (set(given) - set(loaded))
    conflicts = {field for field in mine & theirs if given[field] != now[field]}
    return Changes(frozenset(mine), frozenset(theirs), frozenset(conflicts))
