"""The running-the-plan block of the access matrix (issue 12 point 7), kept apart from the rest
so the matrix's other blocks merge cleanly: what it plants in the matrix's world, the URL
arguments of its pages, and the marked values each relation may see."""

from __future__ import annotations

from typing import Any

from throughcare.access import policy
from throughcare.core import clock
from throughcare.planning.running import services
from throughcare.planning.running.models import Review

R = policy.Relation
A = policy.Action

RUNNING = "RUNNING-PLAN-TEXT"  # a review, a setback, an escalation, a recommendation


def plant(com: Any, person: Any) -> dict[str, Any]:
    """A review due (scheduled), a setback, an open escalation and a recommendation following
    it, each holding the marked text."""
    review = services.schedule_review(
        user=com, person=person, due_on=clock.today(), reason=Review.Reason.OTHER, details=RUNNING
    )
    services.record_setback(
        user=com,
        person=person,
        data={
            "occurred_on": clock.today(),
            "kind": "setback",
            "what_happened": RUNNING,
            "response": RUNNING,
        },
    )
    escalation = services.raise_escalation(user=com, person=person, reason=RUNNING)
    services.record_recommendation(
        user=com, person=person, recommendation="warning", reasons=RUNNING, escalation=escalation
    )
    return {"plan_review": review, "escalation": escalation}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"review_id": world["plan_review"].pk, "escalation_id": world["escalation"].pk}


def entitled(relation: R) -> set[str]:
    return {RUNNING} if policy.allows(relation, A.VIEW_PLAN) else set()


VALUES = (RUNNING,)
