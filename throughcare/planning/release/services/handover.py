"""The handover from custody to community (certificate unit R/507/0637): the allocated prison
offender manager records it (its date, its checklist, and the handover meeting: held, when,
or why not); the allocated community offender manager accepts it, and the plans' ownership
moves to them (`planning.ownership`, which reads `accepted`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Stale
from throughcare.planning.checks import raise_if, text

from .. import facts
from ..models import Handover
from .common import require_com, require_pom

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

CHECKLIST = (
    "resettlement_plan_shared",
    "risk_plan_shared",
    "licence_conditions_drafted",
    "checklist_reviewed",
    "accommodation_confirmed",
)
YES, NO = "yes", "no"
FIELDS = (
    "handed_over_on",
    *CHECKLIST,
    "meeting_held",
    "meeting_on",
    "meeting_not_held_because",
    "notes",
)


def check_handover(data: Mapping[str, Any], today: Any) -> None:
    """Every problem in the fields given; `meeting_held` is "yes" or "no"."""
    problems: dict[str, str] = {}
    if "handed_over_on" in data:
        day = data.get("handed_over_on")
        if day is None:
            problems["handed_over_on"] = "Enter the date of the handover"
        elif day > today:
            problems["handed_over_on"] = "The date of the handover must be today or in the past"
    held = data.get("meeting_held")
    if "meeting_held" in data and held not in (YES, NO):
        problems["meeting_held"] = "Select whether a handover meeting was held"
    if held == YES and "meeting_on" in data:
        day = data.get("meeting_on")
        if day is None:
            problems["meeting_on"] = "Enter the date of the handover meeting"
        elif day > today:
            problems["meeting_on"] = "The date of the meeting must be today or in the past"
    text(
        problems,
        data,
        "meeting_not_held_because",
        "Why no meeting was held",
        required=held == NO,
    )
    text(problems, data, "notes", "Anything else")
    raise_if(problems)


@transaction.atomic
def record_handover(
    *, user: User, person: Person, data: Mapping[str, Any], expected_version: int = 0
) -> Handover:
    """Records the handover, or changes it until it is accepted (`expected_version`: the
    version loaded, 0 for a new one)."""
    require_pom(user, person)
    today = clock.today()
    check_handover({name: data.get(name) for name in FIELDS}, today)
    current = Handover.objects.select_for_update().filter(person=person).first()
    if current is not None and current.accepted:
        raise Invalid(
            {"__all__": "The community offender manager has already accepted the handover"}
        )
    if (current.version if current else 0) != expected_version:
        raise Stale("Someone else saved the handover since you opened it", current=current)
    operation = Operation.ALTERATION
    if current is None:
        current = Handover(person=person, created_by=user)
        operation = Operation.COLLECTION
    else:
        current.version += 1
    held = data.get("meeting_held") == YES
    current.handed_over_on = data["handed_over_on"]
    for name in CHECKLIST:
        setattr(current, name, bool(data.get(name)))
    current.meeting_held = held
    current.meeting_on = data.get("meeting_on") if held else None
    current.meeting_not_held_because = (
        "" if held else str(data.get("meeting_not_held_because") or "").strip()
    )
    current.notes = str(data.get("notes") or "").strip()
    current.due_on = facts.handover_due(person, today)
    current.updated_by = user
    current.save()
    record_for(current, user=user, operation=operation, fields=[*FIELDS, "due_on"])
    return current


@transaction.atomic
def accept_handover(*, user: User, person: Person) -> Handover:
    """The community offender manager accepts the handover: from now on they own the plans."""
    require_com(user, person, "accept the handover")
    current = Handover.objects.select_for_update().filter(person=person).first()
    if current is None:
        raise Invalid({"__all__": "The prison offender manager has not recorded a handover yet"})
    if current.accepted:
        return current
    current.accepted_at, current.accepted_by = clock.now(), user
    current.updated_by = user
    current.version += 1
    current.save()
    record_for(current, user=user, operation=Operation.ALTERATION, fields=["accepted_at"])
    return current
