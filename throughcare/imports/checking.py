"""Checking the rows of an import, a chunk at a time, before anything is written: every problem
with its row and column. The rules are the person's record's own (`people.rules`,
`people.validation`, and the typed inputs `NewPerson` / `NewSentence`): an imported row is
held to what the Add a person and Add a sentence pages hold a typed one to.

The database is asked once a chunk (which CRNs, prison and PNC numbers exist, and whose; which
staff and prisons are named), never once a row.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from throughcare.access.models import Organisation, Role, User
from throughcare.people import rules, validation
from throughcare.people.commands import NewPerson, NewSentence
from throughcare.people.models import Person

from . import columns

IDENTIFIERS = ("prison_number", "pnc_number")
LABELS = {"crn": "CRN", "prison_number": "prison number", "pnc_number": "PNC number"}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Row:
    """A row that passed every check: the person's details and the sentence, if it has one.
    `given` names the columns the file has (a column it leaves out is not changed)."""

    number: int
    crn: str
    person: dict[str, Any]
    sentence: NewSentence | None
    given: frozenset[str]


@dataclass
class _Seen:
    """What earlier rows of the file gave: each CRN's row, each identifier's CRN and row."""

    crns: dict[str, int] = dataclasses.field(default_factory=dict)
    identifiers: dict[tuple[str, str], tuple[str, int]] = dataclasses.field(default_factory=dict)


class Lookups:
    """The staff and prisons the file names, read once each."""

    def __init__(self) -> None:
        self.staff: dict[str, User | None] = {}
        self.prisons: dict[str, Organisation | None] = {}

    def load(self, raw_rows: Iterable[dict[str, str]]) -> None:
        emails, codes = set(), set()
        for raw in raw_rows:
            emails |= {columns.email(raw.get(k) or "") for k in ("pom", "com")} - {""}
            codes |= {(raw.get("prison") or "").strip()} - {""}
        emails -= set(self.staff)
        codes -= set(self.prisons)
        if emails:
            found = {
                u.email.lower(): u for u in User.objects.filter(email__in=emails, is_active=True)
            }
            self.staff |= {e: found.get(e) for e in emails}
        if codes:
            orgs = Organisation.objects.filter(code__in=codes, kind=Organisation.Kind.PRISON)
            found_orgs = {o.code: o for o in orgs}
            self.prisons |= {c: found_orgs.get(c) for c in codes}


class Checker:
    def __init__(self, today: date) -> None:
        self.today = today
        self.seen = _Seen()
        self.lookups = Lookups()

    def check(self, chunk: Sequence[tuple[int, dict[str, str]]]) -> tuple[list[Row], list[Problem]]:
        """The good rows of the chunk, and every problem with the others."""
        self.lookups.load(raw for _, raw in chunk)
        parsed: list[tuple[int, dict[str, Any], dict[str, str], frozenset[str]]] = []
        for number, raw in chunk:
            values, problems = self._cells(raw)
            parsed.append((number, values, problems, frozenset(raw)))
        holders = self._holders(values for _, values, _, _ in parsed)
        crns = [values["crn"] for _, values, _, _ in parsed if values.get("crn")]
        existing = set(Person.objects.filter(crn__in=crns).values_list("crn", flat=True))
        good: list[Row] = []
        found: list[Problem] = []
        for number, values, problems, given in parsed:
            row = self._row(number, values, problems, given, holders)
            if values.get("crn") not in existing and not (values.get("pom") or values.get("com")):
                problems.setdefault("com", validation.ALLOCATE)
                row = None
            if problems:
                found += [Problem(number, column, message) for column, message in problems.items()]
            elif row is not None:
                good.append(row)
        return good, found

    def _cells(self, raw: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        if "" in raw:
            return {}, {"": f"This row {raw['']}"}
        values, problems = columns.read_cells(raw)
        for name in raw:
            if name not in columns.COLUMNS:
                problems[name] = "Not a field Throughcare reads: remove it or check its spelling"
        for name in columns.REQUIRED:
            if name not in raw:
                problems[name] = "This field is needed: add it"
        return values, problems

    def _holders(self, rows: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
        """Who holds each identifier the chunk gives, by CRN, in the database now."""
        wanted: dict[str, set[str]] = {field: set() for field in IDENTIFIERS}
        for values in rows:
            for field in IDENTIFIERS:
                if value := _identifier(field, values.get(field)):
                    wanted[field].add(value)
        holders: dict[tuple[str, str], str] = {}
        for field, given in wanted.items():
            if given:
                people = Person.objects.filter(**{f"{field}__in": given})
                holders |= {(field, v): crn for v, crn in people.values_list(field, "crn")}
        return holders

    def _row(
        self,
        number: int,
        values: dict[str, Any],
        problems: dict[str, str],
        given: frozenset[str],
        holders: dict[tuple[str, str], str],
    ) -> Row | None:
        crn = values.get("crn")
        if crn:
            if (earlier := self.seen.crns.get(crn)) is not None:
                problems["crn"] = f"This CRN is also in row {earlier}: give each person once"
            else:
                self.seen.crns[crn] = number
        person = self._person(values, problems)
        sentence = self._sentence(values, problems, given)
        if crn:
            self._clashes(number, crn, values, problems, holders)
        if problems or crn is None or person is None:
            return None
        return Row(number, crn, person, sentence, given)

    def _person(self, values: dict[str, Any], problems: dict[str, str]) -> dict[str, Any] | None:
        lookups = self.lookups
        prison = lookups.prisons.get(values.get("prison") or "")
        if values.get("prison") and prison is None:
            problems["prison"] = "No prison in Throughcare has this code"
        allocated: dict[str, User | None] = {}
        for slot, role in (("pom", Role.POM), ("com", Role.COM)):
            if not values.get(slot):
                continue
            user = lookups.staff.get(values[slot])
            if user is None or user.role != role:
                label = "prison" if slot == "pom" else "community"
                problems[slot] = f"No active {label} offender manager has this email address"
            allocated[slot] = user
        problems |= validation.identifier_problems(values)
        if values.get("date_of_birth") and "date_of_birth" not in problems:
            problem = rules.birth_date_problem(
                values["date_of_birth"],
                self.today,
                in_prison=prison is not None,
                has_prison_number=bool(values.get("prison_number")),
                sentenced_on=values.get("sentence_date"),
            )
            if problem:
                problems["date_of_birth"] = problem
        if problems:
            return None
        details = NewPerson.from_cleaned({**values, "prison": prison, **allocated})
        data = details.as_data()
        person = {name: data[name] for name in columns.PERSON_COLUMNS if name in values}
        if "prison" in values:
            person["prison"] = prison
        person |= {slot: user for slot, user in allocated.items() if user is not None}
        for field in IDENTIFIERS:
            if field in person:
                person[field] = _identifier(field, person[field]) or None
        return person

    def _sentence(
        self, values: dict[str, Any], problems: dict[str, str], given: frozenset[str]
    ) -> NewSentence | None:
        if not any(values.get(name) for name in columns.SENTENCE_COLUMNS):
            return None
        for name, message in (
            ("sentence_type", "Enter the type of sentence: the row has sentence details"),
            ("sentence_date", "Enter the date of sentence: the row has sentence details"),
        ):
            if not values.get(name) and name not in problems:
                problems[name] = message
        if any(name in problems for name in columns.SENTENCE_COLUMNS):
            return None
        sentence = NewSentence.from_cleaned(values)
        dated = rules.sentence_date_problems(
            sentence_date=sentence.sentence_date,
            birth_date=values.get("date_of_birth"),
            key_dates={field: getattr(sentence, field) for field in rules.KEY_DATES},
            today=self.today,
        )
        problems |= dated
        return None if dated else sentence

    def _clashes(
        self,
        number: int,
        crn: str,
        values: dict[str, Any],
        problems: dict[str, str],
        holders: dict[tuple[str, str], str],
    ) -> None:
        """An identifier that belongs to another person (in Throughcare or an earlier row) is
        reported, never merged: the row is not imported."""
        for field in IDENTIFIERS:
            value = _identifier(field, values.get(field))
            if not value or field in problems:
                continue
            label = LABELS[field]
            holder = holders.get((field, value))
            if holder is not None and holder != crn:
                problems[field] = (
                    f"This {label} already belongs to another person's record (not this CRN): "
                    "check it; records are never merged by an import"
                )
                continue
            earlier = self.seen.identifiers.get((field, value))
            if earlier is not None and earlier[0] != crn:
                problems[field] = f"This {label} is also given in row {earlier[1]} for another CRN"
            elif earlier is None:
                self.seen.identifiers[(field, value)] = (crn, number)


# A row asks for each of its identifiers several times, and a chunk's are all asked for before
# its first row is checked (`Checker._holders`): room for two a row of a whole batch.
@functools.lru_cache(maxsize=16_384)
def _identifier(field: str, value: Any) -> str:
    value = rules.normalise_identifier(str(value or ""))
    return rules.normalise_pnc(value) if field == "pnc_number" else value
