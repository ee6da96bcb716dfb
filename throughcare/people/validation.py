"""The checks on a person's record that need more than one field or the database: dates that
must hang together, identifiers' formats and whether another record holds them.

Each `check_*` raises one Invalid (core.errors) naming every problem it finds in the fields it is
given, so that a page can call it on whatever its form could read and show the form's errors
and these together (the GOV.UK pattern); the services call it again before they write.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from throughcare.core import clock
from throughcare.core.errors import Invalid

from . import rules
from .models import Person, Sentence
from .staff import Staff

IDENTIFIER_FIELDS = ("prison_number", "pnc_number")
IDENTIFIER_LABELS = {"prison_number": "prison number", "pnc_number": "PNC number"}


class DuplicateIdentifierError(Invalid):
    """Another record already holds this identifier. `problems` are any other problems found
    with the same details, reported with it."""

    def __init__(
        self, field: str, existing: Person, problems: Mapping[str, str] | None = None
    ) -> None:
        self.field = field
        self.existing = existing
        label = IDENTIFIER_LABELS[field]
        super().__init__(
            {**(problems or {}), field: f"A person with this {label} already has a record"}
        )


def identifier_problems(data: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    prison_number = rules.normalise_identifier(data.get("prison_number") or "")
    if prison_number and not rules.is_valid_prison_number(prison_number):
        errors["prison_number"] = (
            "Enter a prison number in the format of a letter, 4 numbers and 2 letters, like A1234BC"
        )
    pnc = rules.normalise_pnc(data.get("pnc_number") or "")
    if pnc and not rules.is_valid_pnc(pnc):
        errors["pnc_number"] = (
            "Enter a PNC number in the format of a 4-digit year, a slash, up to 7 numbers "
            "and a letter, like 2012/0052494X"
        )
    return errors


def _duplicate(data: Mapping[str, Any], exclude_pk: uuid.UUID | None) -> tuple[str, Person] | None:
    """The first identifier in `data` (well formed) that another record already holds."""
    for field in IDENTIFIER_FIELDS:
        value = data.get(field) or ""
        value = rules.normalise_pnc(value) if field == "pnc_number" else value
        value = rules.normalise_identifier(value)
        if not value:
            continue
        duplicates = Person.objects.filter(**{field: value})
        if exclude_pk is not None:
            duplicates = duplicates.exclude(pk=exclude_pk)
        existing = duplicates.first()
        if existing:
            return field, existing
    return None


def _birth_date_problem(data: Mapping[str, Any], today: date, person: Person | None) -> str | None:
    """The date of birth checked against what else is known: whether they are in prison or
    have a prison number (as typed, or as recorded), and their earliest conviction and
    sentence."""

    def now(field: str) -> Any:
        return data[field] if field in data else getattr(person, field, None)

    convicted_on = sentenced_on = None
    if person is not None:
        convicted_on = (
            person.offences.order_by("conviction_date")
            .values_list("conviction_date", flat=True)
            .first()
        )
        sentenced_on = (
            person.sentences.order_by("sentence_date")
            .values_list("sentence_date", flat=True)
            .first()
        )
    return rules.birth_date_problem(
        data.get("date_of_birth"),
        today,
        in_prison=bool(now("prison")),
        has_prison_number=bool(now("prison_number")),
        convicted_on=convicted_on,
        sentenced_on=sentenced_on,
    )


ALLOCATE = "Allocate a prison or community offender manager, so the case has an owner"


def allocation_problem(creator: Staff, data: Mapping[str, Any]) -> str | None:
    """A POM or COM adding a person is allocated to them unless they choose someone else; anyone
    else (a senior probation officer) must allocate someone, so that the case has an owner."""
    if str(creator.role) in ("pom", "com") or data.get("pom") or data.get("com"):
        return None
    return ALLOCATE


def check_person(
    data: Mapping[str, Any],
    *,
    today: date | None = None,
    person: Person | None = None,
    creator: Staff | None = None,
) -> None:
    """Every problem with a person's details at once, for the fields `data` holds:
    an Invalid naming each field (a DuplicateIdentifierError if another record holds an
    identifier), or nothing. `person` is the record being changed, if it exists; `creator`
    the user adding a new one. Pages call this with whatever their form could read, so that
    one save shows the form's errors and these together."""
    today = today or clock.today()
    problems = identifier_problems(data)
    # Only when the allocation was read: a wrong choice is the form's error already.
    if creator is not None and "pom" in data and "com" in data:
        problem = allocation_problem(creator, data)
        if problem:
            problems["com"] = problem
    birth_problem = _birth_date_problem(data, today, person)
    if birth_problem:
        problems["date_of_birth"] = birth_problem
    duplicate = _duplicate(
        {field: value for field, value in data.items() if field not in problems},
        person.pk if person else None,
    )
    if duplicate:
        raise DuplicateIdentifierError(*duplicate, problems=problems)
    if problems:
        raise Invalid(problems)


def check_sentence(*, person: Person, data: Mapping[str, Any], today: date | None = None) -> None:
    """Every problem with a sentence's dates at once, for the fields `data` holds."""
    problems = rules.sentence_date_problems(
        sentence_date=data.get("sentence_date"),
        birth_date=person.date_of_birth,
        key_dates={field: data.get(field) for field in rules.KEY_DATES},
        today=today or clock.today(),
    )
    if problems:
        raise Invalid(problems)


def check_offence(
    *, person: Person, sentence: Sentence, data: Mapping[str, Any], today: date | None = None
) -> None:
    """Every problem with an offence at once, for the fields `data` holds."""
    if sentence.person_id != person.pk:
        raise Invalid("That sentence belongs to someone else")
    problem = rules.conviction_date_problem(
        conviction_date=data.get("conviction_date"),
        birth_date=person.date_of_birth,
        today=today or clock.today(),
    )
    convicted = data.get("conviction_date")
    if not problem and convicted and convicted > sentence.sentence_date:
        problem = "Date of conviction must be on or before the date of sentence"
    if problem:
        raise Invalid({"conviction_date": problem})
