"""Reads of a person's own rows for the record's pages, for a person the gate has already let
this user see (`access.person`, `access.person_page`).

The overview is the page most visits to a record open, and its lists (other names, sentences
with their offences, victims) are read by the person's id alone: their SQL is built once per
process (`core.compiled`), not on every visit."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass

from throughcare.access import policy
from throughcare.core.compiled import CompiledQuery
from throughcare.people.models import Alias, Offence, Person, Sentence, Victim

# Each list in its model's order (Meta.ordering), then by id where that leaves a tie.

_PERSON_ID = Person._meta.pk
assert _PERSON_ID is not None  # noqa: S101 - a model always has a primary key

_aliases = CompiledQuery(
    Alias, lambda person_id: Alias.objects.filter(person_id=person_id), person_id=_PERSON_ID
)
_sentences = CompiledQuery(
    Sentence,
    lambda person_id: Sentence.objects.filter(person_id=person_id).order_by(
        "-is_current", "-sentence_date", "pk"
    ),
    person_id=_PERSON_ID,
)
_offences = CompiledQuery(
    Offence,
    lambda person_id: Offence.objects.filter(person_id=person_id).order_by(
        "-is_main", "conviction_date", "pk"
    ),
    person_id=_PERSON_ID,
)
_victims = CompiledQuery(
    Victim,
    lambda person_id: Victim.objects.filter(person_id=person_id).order_by("name", "pk"),
    person_id=_PERSON_ID,
)


@dataclass(frozen=True)
class OverviewRows:
    """- aliases: their other names, in the model's order;
    - sentences: current first, then the latest, each with `offence_list` (main first);
    - victims: None when this user may not see them."""

    aliases: list[Alias]
    sentences: list[Sentence]
    victims: list[Victim] | None


def overview_rows(access: policy.Access) -> OverviewRows:
    person_id: uuid.UUID = access.person.pk
    sentences = _sentences.run(person_id=person_id)
    offences: dict[int, list[Offence]] = defaultdict(list)
    if sentences:  # no sentence, no offence: one query fewer
        for offence in _offences.run(person_id=person_id):
            offences[offence.sentence_id].append(offence)
    for sentence in sentences:
        sentence.offence_list = offences.get(sentence.pk, [])  # type: ignore[attr-defined]
    return OverviewRows(
        aliases=_aliases.run(person_id=person_id),
        sentences=sentences,
        victims=(
            _victims.run(person_id=person_id) if access.can(policy.Action.VIEW_VICTIMS) else None
        ),
    )
