"""Recording the release (issue 12 point 6): the allocated community offender manager records
the date (not before the sentence date, not in the future), where they slept that night and
whether the first appointment was kept. The day-of-release checklist as it stood is copied
onto the release, so accommodation on the night of release can be counted. The person is then
on licence (`queries.stage`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Stale
from throughcare.people import services as people_services
from throughcare.planning.checks import raise_if, text
from throughcare.rules.dates import long_date

from .. import facts
from ..models import NEEDS, AppointmentKept, DayOfRelease, Release, Slept
from .checklist import APPOINTMENT_FIELDS
from .common import require_com

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

FIELDS = ("released_on", "slept", "slept_details", "appointment_kept")


def check_release(data: Mapping[str, Any], *, today: Any, sentenced_on: Any) -> None:
    problems: dict[str, str] = {}
    if "released_on" in data:
        day = data.get("released_on")
        if day is None:
            problems["released_on"] = "Enter the date of release"
        elif day > today:
            problems["released_on"] = "The date of release must be today or in the past"
        elif sentenced_on is not None and day < sentenced_on:
            problems["released_on"] = (
                f"The date of release must be on or after the sentence date, "
                f"{long_date(sentenced_on)}"
            )
    if "slept" in data and data.get("slept") not in Slept.values:
        problems["slept"] = "Select where they slept on the night of release"
    text(problems, data, "slept_details", "Where they slept: details")
    if "appointment_kept" in data and data.get("appointment_kept") not in AppointmentKept.values:
        problems["appointment_kept"] = "Select whether they kept the first appointment"
    raise_if(problems)


def checklist_copy(checklist: DayOfRelease | None) -> dict[str, Any]:
    """The checklist as it stands, in plain values (dates and times as ISO text)."""
    if checklist is None:
        return {}
    copied: dict[str, Any] = {}
    for key, _ in NEEDS:
        copied[f"{key}_status"] = getattr(checklist, f"{key}_status")
        copied[f"{key}_details"] = getattr(checklist, f"{key}_details")
    copied["id_documents"] = list(checklist.id_documents or [])
    for name in APPOINTMENT_FIELDS:
        value = getattr(checklist, name)
        copied[name] = value.isoformat() if hasattr(value, "isoformat") else value
    copied["version"] = checklist.version
    return copied


@transaction.atomic
def record_release(
    *, user: User, person: Person, data: Mapping[str, Any], expected_version: int = 0
) -> Release:
    """Records the release, or corrects it (`expected_version`: the version loaded, 0 for a new
    one). The checklist is copied when the release is first recorded."""
    require_com(user, person, "record the release")
    check_release(
        {name: data.get(name) for name in FIELDS},
        today=clock.today(),
        sentenced_on=facts.sentence_date(person),
    )
    current = Release.objects.select_for_update().filter(person=person).first()
    if (current.version if current else 0) != expected_version:
        raise Stale("Someone else saved the release since you opened it", current=current)
    operation = Operation.ALTERATION
    fields = list(FIELDS)
    if current is None:
        checklist = DayOfRelease.objects.filter(person=person).first()
        current = Release(
            person=person,
            created_by=user,
            checklist=checklist_copy(checklist),
            accommodation_status=checklist.accommodation_status if checklist else "",
        )
        operation = Operation.COLLECTION
        fields += ["checklist", "accommodation_status"]
    else:
        current.version += 1
    current.released_on = data["released_on"]
    current.slept = str(data["slept"])
    current.slept_details = str(data.get("slept_details") or "").strip()
    current.appointment_kept = str(data["appointment_kept"])
    current.updated_by = user
    current.save()
    record_for(current, user=user, operation=operation, fields=fields)
    if operation == Operation.COLLECTION:
        people_services.leave_custody(user=user, person=person)
    return current
