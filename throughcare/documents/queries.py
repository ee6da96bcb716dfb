"""The subject access export: everything Throughcare holds on a person, as one structure that
both the JSON download and the PDF summary are made from (so the two never differ in what
they include or withhold).

The export is gathered from the parts the apps register (`throughcare.core.subject_access`):
each app says what of its own it includes and what it withholds, and why (Data Protection Act
2018; UK GDPR article 15). This module imports none of them. Each part's module says what it
includes and withholds:

- `people/subject_access.py`: identity, identifiers, protected characteristics, where the
  person is, key dates, who is responsible for them, sentences and offences, when the record
  was made and changed; victim details withheld;
- `casework/subject_access.py`: every case note, sensitive ones too;
- `access/subject_access.py`: sharing agreements; limited-access lists withheld; break-glass
  openings not part of the export;
- `audit/subject_access.py`: every disclosure and its recipient; consultations by staff not
  part of the export.

A withheld item appears as {"withheld": true, "category", "reason"}, never with any of its
content.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from throughcare.access import policy
from throughcare.core import clock
from throughcare.core import subject_access as parts

if TYPE_CHECKING:
    from throughcare.access.policy import Access
    from throughcare.people.models import Person


def section_keys() -> tuple[str, ...]:
    """The sections of the export, in the order of the JSON and the PDF."""
    return ("about", *(section.key for section in parts.sections()))


def _about(person: Person, produced_at: datetime.datetime) -> dict[str, Any]:
    return {
        "document": "Subject access request: the information Throughcare holds about you",
        "crn": person.crn,
        "produced_at": produced_at,
        "explanation": [
            "This is a copy of the information held about you in Throughcare, the system "
            "the prison and probation services use to plan your release and resettlement.",
            "Some information is withheld. Each item withheld is listed with the reason.",
            "The organisations your information is or was shared with, and each time "
            "information about you was disclosed and to whom, are listed at the end.",
        ],
    }


def subject_access(access: Access, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Everything held on the person of `access`, which the policy must allow to be exported
    for a subject access request. About ten queries, however much is held."""
    if not access.can(policy.Action.SUBJECT_ACCESS):
        raise PermissionDenied
    person = access.person
    data: dict[str, Any] = {"about": _about(person, now or clock.now())}
    for section in parts.sections():
        data[section.key] = section.build(person)
    return data


def withheld_items(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every withheld item in an export, for the summary of what was withheld."""
    return [
        item
        for section in parts.sections()
        if section.withheld is not None
        for item in data.get(section.key, [])
        if item.get("withheld")
    ]


def what_is_included() -> list[str]:
    """What the export holds, a line for each section that says, in order."""
    return [section.includes for section in parts.sections() if section.includes]


def what_is_withheld() -> list[parts.Withheld]:
    """The kinds of information the export withholds, and why, in order."""
    return [section.withheld for section in parts.sections() if section.withheld is not None]
