"""Writing a batch of checked rows: new people and sentences inserted, changed ones updated,
unchanged ones left alone (so importing the same file again writes nothing and audits
nothing). One transaction a batch, with its audit events (`people.bulk`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from throughcare.core import rows as table_rows
from throughcare.people import bulk, rules
from throughcare.people.commands import NewSentence
from throughcare.people.models import Person, Sentence

from .checking import Row

SENTENCE_FIELDS = ("length_years", "length_months", "length_days", *rules.KEY_DATES)
SHOWN = ("release_date", "release_date_source", "eligibility_date")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


def _sentence_values(sentence: NewSentence) -> dict[str, Any]:
    return {
        "length_years": sentence.length_years or 0,
        "length_months": sentence.length_months or 0,
        "length_days": sentence.length_days or 0,
        **{field: getattr(sentence, field) for field in rules.KEY_DATES},
    }


class _Batch:
    def __init__(self, rows: Sequence[Row], user: Any) -> None:
        self.rows = rows
        self.user = user
        self.user_id = getattr(user, "pk", None)
        crns = [row.crn for row in rows]
        self.people = {p.crn: p for p in Person.objects.filter(crn__in=crns)}
        self.sentences: dict[uuid.UUID, list[Sentence]] = {}
        for sentence in Sentence.objects.filter(
            person__in=self.people.values(), is_current=True
        ).order_by("-sentence_date", "-pk"):
            self.sentences.setdefault(sentence.person_id, []).append(sentence)
        self.new_people: list[list[Any]] = []  # rows (`core.rows.row`)
        self.new_sentence_rows: list[list[Any]] = []
        self.new_sentences: list[Sentence] = []  # of people already recorded
        self.changes: list[tuple[Person | Sentence, list[str]]] = []
        self.counts = Counts()

    def build(self) -> None:
        for row in self.rows:
            person = self.people.get(row.crn)
            if person is None:
                self._new(row)
            else:
                self._existing(row, person)

    def _sentence_data(self, person_id: uuid.UUID, sentence: NewSentence) -> dict[str, Any]:
        return {
            "person_id": person_id,
            "created_by_id": self.user_id,
            "updated_by_id": self.user_id,
            "sentence_type": sentence.sentence_type,
            "sentence_date": sentence.sentence_date,
            **_sentence_values(sentence),
        }

    def _sentence(self, person: Person, sentence: NewSentence) -> Sentence:
        created = Sentence(**self._sentence_data(person.pk, sentence))
        created.person = person
        return created

    def _new(self, row: Row) -> None:
        """A new person and their sentence, as rows: no model instances for the bulk of a
        large file."""
        person_id = uuid.uuid4()
        data = {"id": person_id, "crn": row.crn, **row.person}
        if row.sentence is None:
            data |= bulk.shown_date_values({})
        else:
            sentence = self._sentence_data(person_id, row.sentence)
            data |= bulk.shown_date_values(sentence)
            self.new_sentence_rows.append(table_rows.row(Sentence, sentence))
        self.new_people.append(table_rows.row(Person, data))
        self.counts.created += 1

    def _existing(self, row: Row, person: Person) -> None:
        changed = [f for f, value in row.person.items() if getattr(person, f) != value]
        for field in changed:
            setattr(person, field, row.person[field])
        touched = self._sentence_change(row, person)
        current = self.sentences.get(person.pk, [])
        shown_before = [getattr(person, f) for f in SHOWN]
        bulk.shown_dates(person, max(current, key=lambda s: s.sentence_date, default=None))
        changed += [
            f for f, before in zip(SHOWN, shown_before, strict=True) if getattr(person, f) != before
        ]
        if changed:
            self.changes.append((person, changed))
        if changed or touched:
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1

    def _sentence_change(self, row: Row, person: Person) -> bool:
        """Adds or updates the row's sentence (matched on type and date); whether it did."""
        if row.sentence is None:
            return False
        current = self.sentences.setdefault(person.pk, [])
        match = next(
            (
                s
                for s in current
                if s.sentence_type == row.sentence.sentence_type
                and s.sentence_date == row.sentence.sentence_date
            ),
            None,
        )
        if match is None:
            created = self._sentence(person, row.sentence)
            self.new_sentences.append(created)
            current.append(created)
            return True
        values = _sentence_values(row.sentence)
        # Only the columns the file has: a key date column left out keeps the recorded date.
        given = [f for f in SENTENCE_FIELDS if f in row.given]
        changed = [f for f in given if getattr(match, f) != values[f]]
        for field in changed:
            setattr(match, field, values[field])
        if changed:
            self.changes.append((match, changed))
        return bool(changed)


def write(rows: Sequence[Row], *, user: Any, reason: str) -> Counts:
    """Writes one batch in one transaction (the caller's, if it has one)."""
    with transaction.atomic():
        batch = _Batch(rows, user)
        batch.build()
        bulk.store_rows(
            batch.new_people,
            batch.new_sentence_rows + [table_rows.values(s) for s in batch.new_sentences],
            user=user,
            reason=reason,
        )
        bulk.store_changes(batch.changes, user=user, reason=reason)
    return batch.counts
