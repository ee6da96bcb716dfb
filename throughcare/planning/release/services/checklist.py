"""The day-of-release checklist (SFJCCFI2 P34): each need of practice.md in place, not yet or
not needed, with its details; the ID documents they have; the first appointment after release
(who, and when). Changed by the plan's owner; a save from a stale copy is refused."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core.errors import Stale
from throughcare.planning import ownership
from throughcare.planning.checks import raise_if, text

from ..models import (
    NEEDS,
    SHORT_LIMIT,
    AppointmentWhen,
    AppointmentWho,
    DayOfRelease,
    IdDocument,
    NeedStatus,
)

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

STATUS_FIELDS = tuple(f"{key}_status" for key, _ in NEEDS)
DETAIL_FIELDS = tuple(f"{key}_details" for key, _ in NEEDS)
APPOINTMENT_FIELDS = (
    "appointment_who",
    "appointment_name",
    "appointment_when",
    "appointment_on",
    "appointment_time",
)
FIELDS = (*STATUS_FIELDS, *DETAIL_FIELDS, "id_documents", *APPOINTMENT_FIELDS)


def check_checklist(data: Mapping[str, Any]) -> None:
    """Every problem in the fields given."""
    problems: dict[str, str] = {}
    for key, label in NEEDS:
        status = data.get(f"{key}_status")
        if status and status not in NeedStatus.values:
            problems[f"{key}_status"] = f"Select whether {label[:1].lower()}{label[1:]} is in place"
        text(problems, data, f"{key}_details", f"{label}: details")
    documents = data.get("id_documents") or []
    if any(d not in IdDocument.values for d in documents):
        problems["id_documents"] = "Select the ID documents from the list"
    who, when = data.get("appointment_who") or "", data.get("appointment_when") or ""
    if who and who not in AppointmentWho.values:
        problems["appointment_who"] = "Select who the first appointment is with"
    if when and when not in AppointmentWhen.values:
        problems["appointment_when"] = "Select when the first appointment is"
    text(problems, data, "appointment_name", "Their name", limit=SHORT_LIMIT)
    named = who == AppointmentWho.NAMED and "appointment_name" in data
    if named and not str(data.get("appointment_name") or "").strip():
        problems["appointment_name"] = "Enter the name of the person they will see"
    if when == AppointmentWhen.SET:
        if "appointment_on" in data and not data.get("appointment_on"):
            problems.setdefault("appointment_on", "Enter the date of the first appointment")
        if "appointment_time" in data and not data.get("appointment_time"):
            problems.setdefault("appointment_time", "Enter the time of the first appointment")
    raise_if(problems)


def _cleaned(data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in STATUS_FIELDS:
        values[name] = str(data.get(name) or "")
    for name in DETAIL_FIELDS:
        values[name] = str(data.get(name) or "").strip()
    values["id_documents"] = [d for d in IdDocument.values if d in (data.get("id_documents") or [])]
    who, when = str(data.get("appointment_who") or ""), str(data.get("appointment_when") or "")
    values["appointment_who"], values["appointment_when"] = who, when
    named = who == AppointmentWho.NAMED
    values["appointment_name"] = str(data.get("appointment_name") or "").strip() if named else ""
    on: date | None = data.get("appointment_on") if when == AppointmentWhen.SET else None
    at: time | None = data.get("appointment_time") if when == AppointmentWhen.SET else None
    values["appointment_on"], values["appointment_time"] = on, at
    return values


@transaction.atomic
def save_checklist(
    *, user: User, person: Person, data: Mapping[str, Any], expected_version: int
) -> DayOfRelease:
    """Saves the checklist as the page posts it (every field). `expected_version` is the
    version the user loaded (0: there was none): someone else's save since is refused."""
    ownership.require_owner(user, person)
    check_checklist({name: data.get(name) for name in FIELDS})
    current = DayOfRelease.objects.select_for_update().filter(person=person).first()
    if (current.version if current else 0) != expected_version:
        raise Stale("Someone else saved the checklist since you opened it", current=current)
    values = _cleaned(data)
    operation = Operation.ALTERATION
    if current is None:
        current = DayOfRelease(person=person, created_by=user)
        operation = Operation.COLLECTION
        changed = [name for name, value in values.items() if value]
    else:
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if not changed:
            return current
        current.version += 1
    for name, value in values.items():
        setattr(current, name, value)
    current.updated_by = user
    current.save()
    record_for(current, user=user, operation=operation, fields=changed)
    return current
