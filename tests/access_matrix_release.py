"""The release block of the access matrix (issue 12): what it plants in the matrix's world (a
day-of-release checklist and a handover recorded by the prison offender manager, who owns the
plan), the URL arguments of its pages (none beyond the person), and the marked values each
relation may see: the case team's (`VIEW_PLAN`), on the Plan page's panels."""

from __future__ import annotations

from typing import Any

from throughcare.access import policy
from throughcare.core import clock
from throughcare.planning.release import services

R = policy.Relation
A = policy.Action

CHECKLIST = "DAY-OF-RELEASE-TEXT"  # a need's details: the case team's
HANDOVER = "HANDOVER-TEXT"  # the handover's notes: the case team's


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
    return {}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {}


def entitled(relation: R) -> set[str]:
    return {CHECKLIST, HANDOVER} if policy.allows(relation, A.VIEW_PLAN) else set()


VALUES = (CHECKLIST, HANDOVER)
