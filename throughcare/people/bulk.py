"""Writing many people at once, each batch with its audit events in one transaction: the
scale data (`throughcare.demo`) and the bulk import (`throughcare.imports`) both write here.

Not a save per row: one insert (COPY on PostgreSQL, `core.rows`) or update per table and one
chained insert of audit events per batch (`audit.fast`, through `record_many`). `store_new`
adds people and their sentences (collection events); `store_changes` writes the fields a batch
changes on existing records (alteration events naming the fields).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models, transaction

from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock, rows

from . import rules
from .models import Person, Sentence

BATCH_SIZE = 500  # rows an INSERT carries (SQLite's limit on query parameters)


def shown_date_values(dates: Mapping[str, Any]) -> dict[str, Any]:
    """A person's shown release and eligibility dates from their current sentence's key dates
    (as `services.refresh_key_dates` sets them for one)."""
    shown = rules.release_date(dates)
    eligibility = rules.eligibility_date(dates)
    return {
        "release_date": shown.value if shown else None,
        "release_date_source": shown.source if shown else "",
        "eligibility_date": eligibility.value if eligibility else None,
    }


def shown_dates(person: Person, sentence: Sentence | None) -> None:
    """Sets the person's shown release and eligibility dates from their current sentence."""
    for name, value in shown_date_values(sentence.key_dates() if sentence else {}).items():
        setattr(person, name, value)


def store_new(
    people: Sequence[Person],
    sentences: Sequence[Sentence],
    *,
    user: Any,
    reason: str = "",
) -> None:
    """Inserts people and their sentences and audits the collection of each, in one
    transaction (the caller's, if it has one)."""
    with transaction.atomic():
        ids = store_rows(
            [rows.values(p) for p in people],
            [rows.values(s) for s in sentences],
            user=user,
            reason=reason,
        )
        for sentence, pk in zip(sentences, ids, strict=True):
            sentence.pk = pk
        for instance in (*people, *sentences):  # saved, as bulk_create leaves them
            instance._state.adding = False
            instance._state.db = "default"


_PERSON_ID = rows.columns(Person).index("id")
_SENTENCE_ID = rows.columns(Sentence).index("id")
_SENTENCE_PERSON = rows.columns(Sentence).index("person_id")


def store_rows(
    people: Sequence[list[Any]],
    sentences: Sequence[list[Any]],
    *,
    user: Any,
    reason: str = "",
) -> list[int]:
    """`store_new` for rows (`core.rows.row`) rather than model instances: the sentences' ids
    are given here. Returns them, in order."""
    with transaction.atomic():
        # One insert a table (COPY on PostgreSQL), not Django's INSERTs of ~30 rows each.
        rows.write(Person, people)
        ids = rows.reserve_ids(Sentence, len(sentences))
        for sentence, pk in zip(sentences, ids, strict=True):
            sentence[_SENTENCE_ID] = pk
        rows.write(Sentence, sentences)
        audit.record_many(
            user=user,
            operation=Operation.COLLECTION,
            record_type=RecordType.PERSON,
            records=[(p[_PERSON_ID], p[_PERSON_ID]) for p in people],
            reason=reason,
        )
        audit.record_many(
            user=user,
            operation=Operation.COLLECTION,
            record_type=RecordType.SENTENCE,
            records=[(s[_SENTENCE_PERSON], s[_SENTENCE_ID]) for s in sentences],
            reason=reason,
        )
    return ids


def _by_fields(
    changes: Iterable[tuple[models.Model, Sequence[str]]],
) -> dict[tuple[str, ...], list]:
    grouped: dict[tuple[str, ...], list[models.Model]] = {}
    for record, fields in changes:
        grouped.setdefault(tuple(sorted(fields)), []).append(record)
    return grouped


def store_changes(
    changes: Sequence[tuple[Person | Sentence, Sequence[str]]],
    *,
    user: Any,
    reason: str = "",
) -> None:
    """Writes each record's changed fields (and moves its version on), auditing an alteration
    naming those fields, in one transaction (the caller's, if it has one). Records changing
    the same fields are written in one UPDATE. The shown release dates a person carries
    (`shown_dates`) are written with them but are not audited on their own: they follow the
    sentence, whose alteration is."""
    now = clock.now()
    derived = {"release_date", "release_date_source", "eligibility_date"}
    with transaction.atomic():
        for fields, records in _by_fields(changes).items():
            model = type(records[0])
            for record in records:
                record.version += 1
                record.updated_at = now
                if isinstance(record, Sentence):
                    record.updated_by_id = getattr(user, "pk", None)
            extra = ["version", "updated_at"] + (["updated_by"] if model is Sentence else [])
            # Django's own bulk_update: the case managers refuse an unaudited update(), and
            # this one is audited just below, in the same transaction.
            models.QuerySet(model=model).bulk_update(
                records, [*fields, *extra], batch_size=BATCH_SIZE
            )
            audited = [f for f in fields if f not in derived]
            if not audited:
                continue
            audit.record_many(
                user=user,
                operation=Operation.ALTERATION,
                record_type=model.audit_record_type,
                records=[(r.pk if model is Person else r.person_id, r.pk) for r in records],
                reason=reason,
                fields=audited,
            )
