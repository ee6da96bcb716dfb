"""Changes to case notes, each in one transaction with its audit event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.db import transaction

from throughcare.access import policy
from throughcare.access.policy import Access, Action, Relation
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock, events
from throughcare.core.errors import Invalid, Refused
from throughcare.rules import dates

from .models import Amendment, CaseNote

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
    acute_change: str = ""  # a CaseNote.AcuteChange value, or "" for none

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewCaseNote:
        return cls(
            note_type=data["note_type"],
            occurred_on=data["occurred_on"],
            text=str(data.get("text") or ""),
            sensitive=bool(data.get("sensitive")),
            withheld_from_partners=bool(data.get("withheld_from_partners")),
            acute_change=str(data.get("acute_change") or ""),
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
    acute_change = str(data.get("acute_change") or "")
    if acute_change not in ("", *CaseNote.AcuteChange.values):
        problems["acute_change"] = "Select a sudden change from the list"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def add_case_note(
    *, user: User, person: Person, note: NewCaseNote, today: date | None = None
) -> CaseNote:
    today = today or clock.today()
    check_case_note(
        {"occurred_on": note.occurred_on, "text": note.text, "acute_change": note.acute_change},
        today,
    )
    created = CaseNote.objects.create(
        person=person,
        note_type=note.note_type,
        occurred_on=note.occurred_on,
        text=note.text.strip(),
        sensitive=note.sensitive,
        withheld_from_partners=note.withheld_from_partners,
        acute_change=note.acute_change,
        author=user,
        created_by=user,
    )
    fields = ["note_type", "occurred_on", "text", "sensitive", "withheld_from_partners"]
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=[*fields, "acute_change"] if note.acute_change else fields,
    )
    if note.acute_change:
        events.publish(
            events.ACUTE_CHANGE_RECORDED,
            user=user,
            person=person,
            note=created,
            change=note.acute_change,
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


# Amendments (P15) ------------------------------------------------------------------------

TEXT_LIMIT = 20_000


class Amendable(Protocol):
    """An entry that takes amendments: any case record the audit log knows."""

    @property
    def audit_record_type(self) -> RecordType: ...

    @property
    def pk(self) -> Any: ...

    person_id: Any
    created_at: Any


def may_change_in_place(entry: Amendable) -> bool:
    """An entry may be changed on the day (UK time) it was written; after that, only amended."""
    return dates.same_day_in_london(entry.created_at, clock.now())


def require_change_in_place(entry: Amendable) -> None:
    """For services that change an entry in place: refused once the day it was written ends."""
    if not may_change_in_place(entry):
        raise Refused("This was written on an earlier day: add an amendment instead")


@dataclass(frozen=True)
class NewAmendment:
    text: str
    field: str = ""
    reason: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any], field: str = "") -> NewAmendment:
        return cls(
            text=str(data.get("text") or ""), field=field, reason=str(data.get("reason") or "")
        )


def check_amendment(data: Mapping[str, Any]) -> None:
    problems = {}
    if "text" in data and not str(data["text"]).strip():
        problems["text"] = "Enter the amendment"
    for name in ("text", "reason"):
        if len(str(data.get(name) or "")) > TEXT_LIMIT:
            problems[name] = "Enter 20,000 characters or fewer"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def add_amendment(*, user: User, entry: Amendable, amendment: NewAmendment) -> Amendment:
    """Adds an amendment beside `entry`: the entry itself is never changed."""
    check_amendment({"text": amendment.text, "reason": amendment.reason})
    created = Amendment.objects.create(
        person_id=entry.person_id,
        record_type=RecordType.for_new_event(entry.audit_record_type),
        record_id=str(entry.pk),
        field=amendment.field,
        text=amendment.text.strip(),
        reason=amendment.reason.strip(),
        created_by=user,
    )
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=["text", "reason"],
        reason=f"amends {entry.audit_record_type} {entry.pk}",
    )
    return created
