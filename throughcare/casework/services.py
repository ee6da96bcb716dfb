"""Changes to case notes, each in one transaction with its audit event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.access import policy
from throughcare.access.policy import Access, Action, Relation
from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.rules import dates

from .models import CaseNote

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


@dataclass(frozen=True)
class NewCaseNote:
    """A case note to add: built by the form (`from_cleaned`), later by the API and imports."""

    note_type: str
    occurred_on: date
    text: str
    sensitive: bool = False
    withheld_from_partners: bool = False

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewCaseNote:
        return cls(
            note_type=data["note_type"],
            occurred_on=data["occurred_on"],
            text=str(data.get("text") or ""),
            sensitive=bool(data.get("sensitive")),
            withheld_from_partners=bool(data.get("withheld_from_partners")),
        )


def check_case_note(data: Mapping[str, Any], today: date | None = None) -> None:
    """Every problem with a case note at once, for the fields `data` holds."""
    today = today or clock.today()
    problems = {}
    occurred_on = data.get("occurred_on")
    if occurred_on and occurred_on > today:
        problems["occurred_on"] = "Date must be today or in the past"
    elif occurred_on and not dates.is_plausible(occurred_on, today):
        problems["occurred_on"] = "Enter a date within 100 years of today"
    if "text" in data and not str(data["text"]).strip():
        problems["text"] = "Enter the note"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def add_case_note(
    *, user: User, person: Person, note: NewCaseNote, today: date | None = None
) -> CaseNote:
    today = today or clock.today()
    check_case_note({"occurred_on": note.occurred_on, "text": note.text}, today)
    created = CaseNote.objects.create(
        person=person,
        note_type=note.note_type,
        occurred_on=note.occurred_on,
        text=note.text.strip(),
        sensitive=note.sensitive,
        withheld_from_partners=note.withheld_from_partners,
        author=user,
        created_by=user,
    )
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=["note_type", "occurred_on", "text", "sensitive", "withheld_from_partners"],
    )
    return created


def _locked(note: CaseNote) -> CaseNote:
    """The note as it is now, locked until the transaction ends, so that two requests changing
    its mark at once queue: the second sees the first's change and writes nothing."""
    return CaseNote.objects.select_for_update().get(pk=note.pk)


def _set_sensitive(*, user: User, note: CaseNote, sensitive: bool) -> CaseNote:
    current = _locked(note)
    if current.sensitive != sensitive:
        current.sensitive = sensitive
        current.updated_by = user
        current.version += 1
        current.save(update_fields=["sensitive", "updated_by", "version"])
        record_for(current, user=user, operation=Operation.ALTERATION, fields=["sensitive"])
    note.sensitive, note.version = current.sensitive, current.version
    return note


@transaction.atomic
def mark_sensitive(*, user: User, note: CaseNote) -> CaseNote:
    """Flags a note as sensitive. A repeated or concurrent request writes the change once."""
    return _set_sensitive(user=user, note=note, sensitive=True)


def may_unmark_sensitive(access: Access, note: CaseNote) -> bool:
    """The note's author (while allocated) or the team's SPO may remove its sensitive mark."""
    if not access.can(Action.UNMARK_SENSITIVE):
        return False
    return access.relation == Relation.TEAM_SPO or note.author_id == access.user.pk


@transaction.atomic
def unmark_sensitive(*, user: User, note: CaseNote) -> CaseNote:
    """Removes a note's sensitive mark: its author or the team's SPO only, audited."""
    access = Access(user, note.person, policy.relation(user, note.person))
    if not may_unmark_sensitive(access, note):
        raise Refused("Only the note's author or the team's SPO can do that")
    return _set_sensitive(user=user, note=note, sensitive=False)
