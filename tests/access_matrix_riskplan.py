"""The risk management plan block of the access matrix (issue 12), kept apart from the rest so
the matrix's other blocks merge cleanly: what it plants in the matrix's world, the URL
arguments of its pages, and the marked values each relation may see."""

from __future__ import annotations

from typing import Any

from throughcare.access import policy
from throughcare.planning.riskplan import facts, services
from throughcare.planning.riskplan.tests.helpers import PASSPORT

R = policy.Relation
A = policy.Action

RISK_PLAN = "RISK-PLAN-TEXT"  # an action and a licence condition's justification: the case team


def plant(owner: Any, person: Any) -> dict[str, Any]:
    """An action of the plan and a condition it serves, written by the plan's owner."""
    factors = [f.key for f in facts.risk_factors(person)][:1]
    action = services.add_action(
        user=owner,
        person=person,
        new=services.NewAction.from_cleaned(
            {
                "heading": "supervision",
                "action": RISK_PLAN,
                "by_whom": "Community offender manager",
                "when": "Weekly",
                "factors": factors,
            }
        ),
    )
    condition = services.add_condition(
        user=owner,
        person=person,
        code=PASSPORT,
        new=services.NewCondition(risk_action=action, justification=RISK_PLAN),
    )
    return {"risk_action": action, "licence_condition": condition}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "action_id": world["risk_action"].pk,
        "condition_id": world["licence_condition"].pk,
        "code": PASSPORT,
    }


def entitled(relation: R) -> set[str]:
    return {RISK_PLAN} if policy.allows(relation, A.VIEW_PLAN) else set()


VALUES = (RISK_PLAN,)
