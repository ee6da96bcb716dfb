"""The resettlement plan block of the access matrix (issue 12 point 1), kept apart from the
rest so the matrix's other blocks merge cleanly: a plan with a goal, a step and a progress
note made by its owner (the prison offender manager), the URL arguments of its pages, and the
marked values each relation may see (the case team reads the plan).

The partner's part (point 8): the plan is signed (countersigned by the team's SPO, the risk
being high) with a goal holding a step of the partner organisation with the agreement, which
that partner sees on the Plan page, and a step of another organisation, which it never sees;
the person's words, and a step of the partner's added in the draft after signing, are the
case team's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from throughcare.access import policy
from throughcare.access.models import Organisation
from throughcare.core import clock
from throughcare.planning.resettlement import queries, services
from throughcare.records import services as records

R = policy.Relation
A = policy.Action

PLAN = "RESETTLEMENT-PLAN-TEXT"  # a goal, a step and a progress note: the case team's
PARTNER_PART = "PARTNER-PLAN-PART-TEXT"  # the partner's goal and step of the signed plan
OTHER_ORG = "OTHER-ORG-PLAN-STEP-TEXT"  # another organisation's step: the case team's
WORDS = "PLAN-AGREEMENT-WORDS-TEXT"  # the person's words: the case team's
DRAFT = "PLAN-DRAFT-STEP-TEXT"  # the partner's step added after signing: the case team's


def _step(pom: Any, goal: Any, description: str, organisation: Any = None) -> Any:
    return services.add_step(
        user=pom,
        goal=goal,
        new=services.NewStep.from_cleaned(
            {
                "description": description,
                "owner": "partner" if organisation else "pom",
                "organisation": organisation,
                "due_date": clock.today() + timedelta(days=10),
            }
        ),
    )


def _partner_part(pom: Any, spo: Any, person: Any, partner: Any) -> None:
    """The partner's goal and steps, the person's agreement, signed; then a draft."""
    other = Organisation.objects.create(name="Matrix Other Charity", kind=Organisation.Kind.PARTNER)
    goal = services.add_goal(
        user=pom,
        person=person,
        new=services.NewGoal.from_cleaned(
            {
                "pathway": "finance_id",
                "area_of_need": "finance",
                "title": f"Goal {PARTNER_PART}",
                "status": "active",
                "target_date": clock.today() + timedelta(days=30),
            }
        ),
    )
    _step(pom, goal, f"Step {PARTNER_PART}", partner)
    _step(pom, goal, f"Step {OTHER_ORG}", other)
    version = queries.current_version(queries.document(person))
    assert version is not None
    services.record_agreement(
        pom,
        person,
        agreement="agreed",
        words=WORDS,
        expected=int((version.sections.get("agreement") or {}).get("version", 0)),
    )
    submitted = services.submit(pom, person)
    if not submitted.locked:
        records.countersign(spo, submitted)
    _step(pom, goal, f"Step {DRAFT}", partner)


def plant(pom: Any, person: Any, spo: Any = None, partner: Any = None) -> dict[str, Any]:
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
    if spo is not None and partner is not None:
        _partner_part(pom, spo, person, partner)
    return {"plan_goal": goal, "plan_step": step}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"goal_id": world["plan_goal"].pk, "step_id": world["plan_step"].pk}


def entitled(relation: R) -> set[str]:
    """The case team reads the plan; the partner with the agreement (covering "plan" in the
    matrix's world) its own part of the signed plan."""
    if policy.allows(relation, A.VIEW_PLAN):
        return {PLAN, PARTNER_PART, OTHER_ORG, WORDS, DRAFT}
    if relation == R.PARTNER_WITH_AGREEMENT:
        return {PARTNER_PART}
    return set()


VALUES = (PLAN, PARTNER_PART, OTHER_ORG, WORDS, DRAFT)
