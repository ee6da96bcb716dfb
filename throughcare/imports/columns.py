"""The columns of an import file (docs/import.md) and how each cell is read: plain values in,
typed values or a problem out. No database here: the checks that need it are in `checking`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from throughcare.people import rules
from throughcare.people.choices import SentenceType, Sex

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_TEXT = 200


class CellError(ValueError):
    """A cell that cannot be read; the message is for the person who made the file."""


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    read: Callable[[str], Any]
    required: bool = False


def text(limit: int) -> Callable[[str], str]:
    def read(value: str) -> str:
        if len(value) > limit:
            raise CellError(f"Must be {limit} characters or fewer")
        if not value.isprintable():
            raise CellError("Must not contain control characters")
        return value

    return read


def iso_date(value: str) -> date | None:
    if not value:
        return None
    if not ISO_DATE.match(value):
        raise CellError("Enter a date as YYYY-MM-DD, like 2026-11-24")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CellError("Must be a real date") from None


def whole_number(value: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 3:
        raise CellError("Enter a whole number from 0 to 999")
    return int(value)


def choice(choices: Any) -> Callable[[str], str]:
    """One of a set of choices, by its value or its label, in any case."""
    known = {str(v).lower(): str(v) for v, _ in choices.choices}
    known |= {str(label).lower(): str(v) for v, label in choices.choices}

    def read(value: str) -> str:
        if not value:
            return ""
        found = known.get(value.lower())
        if found is None:
            allowed = ", ".join(str(v) for v, _ in choices.choices)
            raise CellError(f"Must be one of: {allowed}")
        return found

    return read


def crn(value: str) -> str:
    value = rules.normalise_identifier(value)
    if not rules.is_valid_crn(value):
        raise CellError("Enter a CRN as a letter and 6 numbers, like X123456")
    return value


def identifier(value: str) -> str:
    """Prison and PNC numbers: their format is checked with the person's other details."""
    return text(20)(value)


def email(value: str) -> str:
    return text(254)(value.strip().lower())


IDENTITY = [
    Column("crn", "Case reference number, like X123456: the key each row is matched on", crn, True),
    Column("given_name", "First name", text(100), True),
    Column("family_name", "Last name", text(100), True),
    Column("middle_names", "Middle names", text(200)),
    Column("preferred_name", "Preferred name", text(100)),
    Column("date_of_birth", "Date of birth, YYYY-MM-DD", iso_date, True),
    Column("sex", "male or female", choice(Sex), True),
]
IDENTIFIERS = [
    Column("prison_number", "Prison number, like A1234BC", identifier),
    Column("pnc_number", "PNC number, like 2012/0052494X", identifier),
]
CUSTODY = [
    Column("prison", "The prison's code in Throughcare, like NBI", text(20)),
    Column("pom", "The email address of the prison offender manager", email),
    Column("com", "The email address of the community offender manager", email),
]
SENTENCE = [
    Column("sentence_type", "sds, eds, life, ipp or community", choice(SentenceType)),
    Column("sentence_date", "Date of sentence, YYYY-MM-DD", iso_date),
    Column("length_years", "Length of sentence: years", whole_number),
    Column("length_months", "Length of sentence: months", whole_number),
    Column("length_days", "Length of sentence: days", whole_number),
]
KEY_DATES = [
    Column(field, f"{label}, YYYY-MM-DD", iso_date) for field, label in rules.KEY_DATES.items()
]

COLUMNS: dict[str, Column] = {
    c.name: c for c in IDENTITY + IDENTIFIERS + CUSTODY + SENTENCE + KEY_DATES
}
REQUIRED = [c.name for c in COLUMNS.values() if c.required]
PERSON_COLUMNS = [c.name for c in IDENTITY + IDENTIFIERS if c.name != "crn"]
SENTENCE_COLUMNS = [c.name for c in SENTENCE + KEY_DATES]


def read_cells(raw: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The typed values of a row's cells and the problems, each by column. Only the columns
    the row has: a column the file leaves out is neither read nor changed."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, cell in raw.items():
        column = COLUMNS.get(name)
        if column is None:
            continue
        cell = cell.strip()
        if not cell and column.required:
            problems[name] = f"Enter the {column.description.split(',')[0].lower()}"
            continue
        try:
            values[name] = column.read(cell)
        except CellError as error:
            problems[name] = str(error)
    return values, problems
