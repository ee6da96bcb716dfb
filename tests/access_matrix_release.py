"""The release block of the access matrix (issue 12): what it plants in the matrix's world (a
day-of-release checklist and a handover recorded by the prison offender manager, who owns the
plan; the release and the outcomes after it (issue 16) recorded by the community offender
manager), the URL arguments of its pages (none beyond the person), and the marked values each
relation may see: the case team's (`VIEW_PLAN`), on the Plan page's panels."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.core import clock
from throughcare.planning.release import services

R = policy.Relation
A = policy.Action

CHECKLIST = "DAY-OF-RELEASE-TEXT"  # a need's details: the case team's
HANDOVER = "HANDOVER-TEXT"  # the handover's notes: the case team's
RELEASE = "RELEASE-TEXT"  # where they slept on the night of release: the case team's


def plant(pom: Any, person: Any) -> dict[str, Any]:
    services.save_checklist(
        user=pom,
        person=person,
        data={"bank_status": "not yet", "bank_details": CHECKLIST},
        expected_version=0,
    )
    services.record_handover(
        user=pom,
        person=person,
        data={
            "handed_over_on": clock.today(),
            "meeting_held": "no",
            "meeting_not_held_because": "Not yet arranged",
            "notes": HANDOVER,
        },
    )
    com = User.objects.get(pk=person.com_id)
    services.record_release(
        user=com,
        person=person,
        data={
            "released_on": clock.today() - timedelta(days=50),
            "slept": "temporary",
            "slept_details": RELEASE,
            "appointment_kept": "yes",
        },
    )
    services.record_outcome(
        user=com,
        person=person,
        data={"in_work_at_six_weeks": "yes", "recalled_on": clock.today() - timedelta(days=3)},
    )
    return {}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {}


def entitled(relation: R) -> set[str]:
    return {CHECKLIST, HANDOVER, RELEASE} if policy.allows(relation, A.VIEW_PLAN) else set()


VALUES = (CHECKLIST, HANDOVER, RELEASE)
