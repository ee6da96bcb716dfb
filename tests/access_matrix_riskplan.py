"""The risk management plan block of the access matrix (issue 12), kept apart from the rest so
the matrix's other blocks merge cleanly: what it plants in the matrix's world, the URL
arguments of its pages, and the marked values each relation may see.

The partner's part (issue 12 point 8): the plan is signed (countersigned by the team's SPO)
with an action of the partner organisation with the agreement and a contingency plan naming
it, which that partner sees on the Plan page; an action of theirs under victim safety planning
and an action added in the draft after signing, which it never sees."""

from __future__ import annotations

from typing import Any

from throughcare.access import policy
from throughcare.planning.riskplan import facts, services
from throughcare.planning.riskplan.tests.helpers import PASSPORT
from throughcare.records import services as records

R = policy.Relation
A = policy.Action

RISK_PLAN = "RISK-PLAN-TEXT"  # an action and a licence condition's justification: the case team
PARTNER_ACTION = "RISK-PARTNER-ACTION-TEXT"  # the partner's action and a contingency naming it
VICTIM_SAFETY = "RISK-VICTIM-SAFETY-TEXT"  # the partner's, under victim safety: the case team's
DRAFT_ACTION = "RISK-DRAFT-ACTION-TEXT"  # the partner's, added after signing: the case team's


def _action(owner: Any, person: Any, factors: list[str], **values: Any) -> Any:
    data = {"by_whom": "Key worker", "when": "Weekly", "factors": factors, **values}
    return services.add_action(user=owner, person=person, new=services.NewAction.from_cleaned(data))


def _partner_part(owner: Any, spo: Any, person: Any, partner: Any, factors: list[str]) -> None:
    _action(
        owner,
        person,
        factors,
        heading="monitoring and control",
        action=f"Check in {PARTNER_ACTION}",
        organisation=partner,
    )
    _action(
        owner,
        person,
        factors,
        heading="contingency",
        contingency_if="He does not come back to the hostel",
        action=f"Call the duty officer {PARTNER_ACTION}",
        by_whom=f"{partner.name} night staff",
    )
    _action(
        owner,
        person,
        factors,
        heading="victim safety planning",
        action=VICTIM_SAFETY,
        organisation=partner,
    )
    services.save_key_information(
        user=owner, person=person, situation=RISK_PLAN, considerations="", expected=0
    )
    submitted = services.submit(user=owner, person=person)
    if not submitted.locked:
        records.countersign(spo, submitted)
    _action(
        owner, person, factors, heading="supervision", action=DRAFT_ACTION, organisation=partner
    )


def plant(owner: Any, person: Any, spo: Any = None, partner: Any = None) -> dict[str, Any]:
    """An action of the plan and a condition it serves, written by the plan's owner; with the
    SPO and the partner, the partner's part, signed."""
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
    if spo is not None and partner is not None:
        _partner_part(owner, spo, person, partner, factors)
    return {"risk_action": action, "licence_condition": condition}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "action_id": world["risk_action"].pk,
        "condition_id": world["licence_condition"].pk,
        "code": PASSPORT,
    }


def entitled(relation: R) -> set[str]:
    """The case team reads the plan; the partner with the agreement (covering "risk_plan" in
    the matrix's world) its own part of the signed plan, never victim safety planning."""
    if policy.allows(relation, A.VIEW_PLAN):
        return {RISK_PLAN, PARTNER_ACTION, VICTIM_SAFETY, DRAFT_ACTION}
    if relation == R.PARTNER_WITH_AGREEMENT:
        return {PARTNER_ACTION}
    return set()


VALUES = (RISK_PLAN, PARTNER_ACTION, VICTIM_SAFETY, DRAFT_ACTION)
