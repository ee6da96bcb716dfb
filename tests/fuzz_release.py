"""The release block of the form fuzz (issues 12 and 16), kept apart so the fuzz's other
blocks merge cleanly: the forms, what the fuzz's world needs for them (a handover for the
community offender manager to accept, and the release recorded, for the outcomes after it),
and the case models a refused post must leave alone."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.planning.release import services
from throughcare.planning.release.models import (
    DayOfRelease,
    Handover,
    Outcome,
    Readiness,
    Release,
)

MODELS = (Readiness, DayOfRelease, Handover, Release, Outcome)


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def plant(pom: User, person: Any) -> dict[str, Any]:
    """A handover recorded by the prison offender manager, waiting to be accepted; and the
    release recorded by the community offender manager a week ago (so that the outcomes after
    it can be recorded; the release form then corrects it)."""
    services.record_handover(
        user=pom,
        person=person,
        data={"handed_over_on": clock.today(), "meeting_held": "yes", "meeting_on": clock.today()},
    )
    services.record_release(
        user=User.objects.get(pk=person.com_id),
        person=person,
        data={
            "released_on": clock.today() - timedelta(days=7),
            "slept": "settled",
            "appointment_kept": "yes",
        },
    )
    return {}


def _page(name: str) -> str:
    return f"release:{name}"


def forms(fuzzed: Any) -> dict[str, Any]:
    """The release forms, as `tests.fuzz_forms.Fuzzed` (passed in, to avoid a cycle)."""
    return {
        # Marking ready cannot succeed in the fuzz's world: its criteria are not met.
        _page("readiness"): fuzzed(_page("readiness"), "pom", None),
        _page("checklist"): fuzzed(
            _page("checklist"),
            "pom",
            lambda w: {
                "accommodation_status": "in place",
                "accommodation_details": "Approved premises",
                "id_status": "not yet",
                "id_documents": ["passport"],
                "appointment_who": "named",
                "appointment_name": "Sam Duty",
                "appointment_when": "set",
                **_date("appointment_on", clock.today()),
                "appointment_time": "2pm",
            },
        ),
        _page("handover"): fuzzed(
            _page("handover"),
            "pom",
            lambda w: {
                **_date("handed_over_on", clock.today()),
                "resettlement_plan_shared": "on",
                "meeting_held": "no",
                "meeting_not_held_because": "The COM was not available",
                "notes": "Needs help with his benefit claim",
            },
        ),
        _page("accept"): fuzzed(_page("accept"), "com", lambda w: {}),
        _page("record"): fuzzed(
            _page("record"),
            "com",
            lambda w: {
                **_date("released_on", clock.today()),
                "slept": "temporary",
                "slept_details": "CAS3, Northbridge",
                "appointment_kept": "not yet",
            },
        ),
        _page("outcomes"): fuzzed(
            _page("outcomes"),
            "com",
            lambda w: {
                "in_work_at_six_weeks": "not known",
                **_date("recalled_on", clock.today() - timedelta(days=2)),
                **_date("reoffence_on", clock.today()),
            },
        ),
    }
