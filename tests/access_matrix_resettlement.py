"""The resettlement plan block of the access matrix (issue 12 point 1), kept apart from the
rest so the matrix's other blocks merge cleanly: a plan with a goal, a step and a progress
note made by its owner (the prison offender manager), the URL arguments of its pages, and the
marked value each relation may see (the case team reads the plan)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from throughcare.access import policy
from throughcare.core import clock
from throughcare.planning.resettlement import services

R = policy.Relation
A = policy.Action

PLAN = "RESETTLEMENT-PLAN-TEXT"  # a goal, a step and a progress note: the case team's


def plant(pom: Any, person: Any) -> dict[str, Any]:
    goal = services.add_goal(
        user=pom,
        person=person,
        new=services.NewGoal.from_cleaned(
            {
                "pathway": "accommodation",
                "area_of_need": "accommodation",
                "title": f"Goal {PLAN}",
                "status": "active",
                "target_date": clock.today() + timedelta(days=30),
            }
        ),
    )
    step = services.add_step(
        user=pom,
        goal=goal,
        new=services.NewStep.from_cleaned(
            {
                "description": f"Step {PLAN}",
                "owner": "pom",
                "due_date": clock.today() + timedelta(days=10),
            }
        ),
    )
    services.add_progress(user=pom, step=step, note=f"Progress {PLAN}", status="in progress")
    return {"plan_goal": goal, "plan_step": step}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"goal_id": world["plan_goal"].pk, "step_id": world["plan_step"].pk}


def entitled(relation: R) -> set[str]:
    return {PLAN} if policy.allows(relation, A.VIEW_PLAN) else set()


VALUES = (PLAN,)
