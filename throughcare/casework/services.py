"""Changes to case notes, each in one transaction with its audit event."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core import clock
from throughcare.people import rules

from .models import CaseNote

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


def check_case_note(data: Mapping[str, Any], today: date | None = None) -> None:
    """Every problem with a case note at once, for the fields `data` holds."""
    today = today or clock.today()
    problems = {}
    occurred_on = data.get("occurred_on")
    if occurred_on and occurred_on > today:
        problems["occurred_on"] = "Date must be today or in the past"
    elif occurred_on and not rules.is_plausible(occurred_on, today):
        problems["occurred_on"] = "Enter a date within 100 years of today"
    if "text" in data and not str(data["text"]).strip():
        problems["text"] = "Enter the note"
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def add_case_note(
    *, user: User, person: Person, data: Mapping[str, Any], today: date | None = None
) -> CaseNote:
    today = today or clock.today()
    occurred_on = data["occurred_on"]
    check_case_note({"text": "", **data}, today)
    note = CaseNote.objects.create(
        person=person,
        note_type=data["note_type"],
        occurred_on=occurred_on,
        text=data["text"].strip(),
        sensitive=bool(data.get("sensitive")),
        withheld_from_partners=bool(data.get("withheld_from_partners")),
        author=user,
    )
    audit.record(
        user=user,
        operation=Operation.COLLECTION,
        record_type="case note",
        record_id=note.pk,
        person_id=person.pk,
        fields=["note_type", "occurred_on", "text", "sensitive", "withheld_from_partners"],
    )
    return note


@transaction.atomic
def mark_sensitive(*, user: User, note: CaseNote) -> CaseNote:
    """Flags a note as sensitive. Flags are never removed here: that takes a manager."""
    if note.sensitive:
        return note
    note.sensitive = True
    note.version += 1
    note.save(update_fields=["sensitive", "version"])
    audit.record(
        user=user,
        operation=Operation.ALTERATION,
        record_type="case note",
        record_id=note.pk,
        person_id=note.person_id,
        fields=["sensitive"],
        record_version=note.version,
    )
    return note
