"""Building blocks for the release tests, through the services."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning.release import services
from throughcare.planning.release.models import NEEDS

ALL_IN_PLACE: dict[str, Any] = {
    **{f"{key}_status": "in place" for key, _ in NEEDS},
    **{f"{key}_details": "" for key, _ in NEEDS},
    "id_documents": ["passport"],
    "appointment_who": "com",
    "appointment_name": "",
    "appointment_when": "next working day",
    "appointment_on": None,
    "appointment_time": None,
}


def checklist(user: User, person: Person, version: int = 0, **changes: Any) -> Any:
    return services.save_checklist(
        user=user, person=person, data={**ALL_IN_PLACE, **changes}, expected_version=version
    )


def handover(pom: User, person: Person, **changes: Any) -> Any:
    data: dict[str, Any] = {
        "handed_over_on": clock.today(),
        "resettlement_plan_shared": True,
        "risk_plan_shared": True,
        "licence_conditions_drafted": False,
        "checklist_reviewed": True,
        "accommodation_confirmed": True,
        "meeting_held": "yes",
        "meeting_on": clock.today(),
        "meeting_not_held_because": "",
        "notes": "",
        **changes,
    }
    return services.record_handover(user=pom, person=person, data=data)


def release(com: User, person: Person, released_on: date | None = None, **changes: Any) -> Any:
    data: dict[str, Any] = {
        "released_on": released_on or clock.today(),
        "slept": "settled",
        "slept_details": "His mother's flat",
        "appointment_kept": "yes",
        **changes,
    }
    return services.record_release(user=com, person=person, data=data)


SET_AT = time(14, 30)
