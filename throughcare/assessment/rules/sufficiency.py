"""Sufficiency (standard P17): the sources a valid assessment needs for this case, and whether
each is held, missing or older than it should be.

Needed always: the interview with the person, custody information from the prison and the
criminal record. Needed where the case calls for them: programme results where programmes were
attended; police domestic abuse information where there is a partner or ex-partner; children's
services information where children are in contact. A fact not known (None) counts as calling
for the source: better to ask than to miss one.

How old a source may be is a service's local policy (`ASSESSMENT_SOURCE_MAX_AGE_DAYS`), given
here as `max_age_days` by need; a need with no limit given is never out of date.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


class Need(enum.StrEnum):
    INTERVIEW = "interview"
    CUSTODY = "custody"
    PROGRAMMES = "programmes"
    POLICE_DA = "police domestic abuse"
    CHILDRENS_SERVICES = "children's services"
    CRIMINAL_RECORD = "criminal record"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Need.INTERVIEW: "Interview with the person",
    Need.CUSTODY: "Custody information from the prison",
    Need.PROGRAMMES: "Programme results",
    Need.POLICE_DA: "Police domestic abuse information",
    Need.CHILDRENS_SERVICES: "Children's services information",
    Need.CRIMINAL_RECORD: "Criminal record",
}


@dataclass(frozen=True)
class Facts:
    partner_or_ex_partner: bool | None
    children_in_contact: bool | None
    attended_programmes: bool | None


@dataclass(frozen=True)
class Held:
    """A gathered entry that meets a need: when it was obtained, how a page names it, and a
    link to it ("" where there is none)."""

    need: Need
    obtained_on: date
    label: str
    ref: str = ""


class Status(enum.StrEnum):
    PRESENT = "present"
    MISSING = "missing"
    OUT_OF_DATE = "out of date"
    NOT_NEEDED = "not needed"


@dataclass(frozen=True)
class Finding:
    need: Need
    status: Status
    why: str
    newest: Held | None


# For the needs that depend on the case: the fact, and the words for "needed where ...".
_CONDITIONS = {
    Need.PROGRAMMES: ("attended_programmes", "programmes were attended"),
    Need.POLICE_DA: ("partner_or_ex_partner", "there is a partner or ex-partner"),
    Need.CHILDRENS_SERVICES: ("children_in_contact", "children are in contact"),
}
_NOT_NEEDED = {
    Need.PROGRAMMES: "Not needed: no programmes were attended",
    Need.POLICE_DA: "Not needed: there is no partner or ex-partner",
    Need.CHILDRENS_SERVICES: "Not needed: no children are in contact",
}


def _when(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _finding(
    need: Need, facts: Facts, newest: Held | None, today: date, max_age: int | None
) -> Finding:
    condition = _CONDITIONS.get(need)
    known = True
    if condition is not None:
        fact = getattr(facts, condition[0])
        if fact is False:
            return Finding(need, Status.NOT_NEEDED, _NOT_NEEDED[need], newest)
        known = fact is not None
    if newest is None:
        why = f"{need.label}: none has been gathered"
        if condition is not None and not known:
            why += f". It is needed where {condition[1]}, and that is not recorded yet"
        return Finding(need, Status.MISSING, why, None)
    obtained = f"obtained on {_when(newest.obtained_on)}"
    if max_age is not None and (today - newest.obtained_on).days > max_age:
        why = f"The newest was {obtained}, more than {max_age} days ago"
        return Finding(need, Status.OUT_OF_DATE, why, newest)
    return Finding(need, Status.PRESENT, f"{newest.label}, {obtained}", newest)


def check(
    facts: Facts, held: Iterable[Held], today: date, max_age_days: Mapping[Need, int]
) -> list[Finding]:
    """One finding per need, in `Need` order, each with the newest entry held for it."""
    newest: dict[Need, Held] = {}
    for entry in held:
        current = newest.get(entry.need)
        if current is None or entry.obtained_on > current.obtained_on:
            newest[entry.need] = entry
    return [_finding(need, facts, newest.get(need), today, max_age_days.get(need)) for need in Need]


def gaps(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop the assessment being sufficient: missing or out of date."""
    return [f for f in findings if f.status in (Status.MISSING, Status.OUT_OF_DATE)]
