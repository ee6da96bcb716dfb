"""The release's part of the subject access export, one section (`release`): when they were
marked ready for release (and when that was withdrawn), the day-of-release checklist and the
first appointment, each handover from the prison offender manager to the community offender
manager, and the release itself (the date, where they slept that night, whether the first
appointment was kept), and the outcomes after it (in work or training at six weeks, the
dates of a recall and of a new proven offence). The criteria unmet when readiness was
withdrawn are left out: their evidence can carry what victim liaison said, which is about the
victim."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from throughcare.core.subject_access import Part, Section

from . import queries
from .models import NEEDS, DayOfRelease, Handover, NeedStatus, Outcome, Readiness, Release

if TYPE_CHECKING:
    from throughcare.people.models import Person

HANDOVER_CHECKLIST = {
    "resettlement_plan_shared": "The resettlement plan shared",
    "risk_plan_shared": "The risk management plan shared",
    "licence_conditions_drafted": "Licence conditions drafted",
    "checklist_reviewed": "The day-of-release checklist reviewed",
    "accommodation_confirmed": "Accommodation confirmed",
}


def _readiness(found: Readiness | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {"ready_on": found.ready_on, "withdrawn_on": found.withdrawn_on}


def _checklist(found: DayOfRelease | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "needs": [
            {
                "need": label,
                "status": NeedStatus(status).label if status else "Not recorded",
                "details": getattr(found, f"{key}_details") or None,
            }
            for key, label in NEEDS
            for status in [getattr(found, f"{key}_status")]
        ],
        "id_documents": list(found.id_documents or []),
        "first_appointment_with": queries.appointment_who(found) or None,
        "first_appointment_when": queries.appointment_when(found) or None,
    }


def _handover(found: Handover) -> dict[str, Any]:
    return {
        "handed_over_on": found.handed_over_on,
        "due_on": found.due_on,
        "by": found.created_by.full_name if found.created_by else None,
        "checklist": [label for name, label in HANDOVER_CHECKLIST.items() if getattr(found, name)],
        "meeting_held": found.meeting_held,
        "meeting_on": found.meeting_on,
        "why_no_meeting": found.meeting_not_held_because or None,
        "notes": found.notes or None,
        "accepted_at": found.accepted_at,
        "accepted_by": found.accepted_by.full_name if found.accepted_by else None,
    }


def _release(found: Release | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "released_on": found.released_on,
        "slept": found.get_slept_display(),
        "slept_details": found.slept_details or None,
        "first_appointment_kept": found.get_appointment_kept_display(),
    }


def _outcome(found: Outcome | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "in_work_or_training_at_six_weeks": found.get_in_work_at_six_weeks_display() or None,
        "recalled_on": found.recalled_on,
        "new_offence_proven_on": found.reoffence_on,
    }


def _section(person: Person) -> dict[str, Any]:
    handovers = Handover.objects.filter(person=person).select_related("created_by", "accepted_by")
    return {
        "ready_for_release": _readiness(Readiness.objects.filter(person=person).first()),
        "day_of_release": _checklist(DayOfRelease.objects.filter(person=person).first()),
        "handovers": [_handover(h) for h in handovers.order_by("created_at", "pk")],
        "release": _release(Release.objects.filter(person=person).first()),
        "outcomes_after_release": _outcome(Outcome.objects.filter(person=person).first()),
    }


PART = Part(
    app="release",
    sections=(
        Section(
            "release",
            95,
            _section,
            includes="their readiness for release, the day-of-release checklist and first "
            "appointment, the handover to the community offender manager, their release and the "
            "outcomes after it",
        ),
    ),
    covers={
        "release.Readiness": "release",
        "release.DayOfRelease": "release",
        "release.Handover": "release",
        "release.Release": "release",
        "release.Outcome": "release",
    },
)
