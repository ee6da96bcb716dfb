"""What the plan's pages show of its rows: the actions by heading, the conditions with the risk
each manages and their conflicts, a row's answers as (question, answer) pairs, and a row's
values as a form's initial data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import catalogue
from .models import HEADING_HINTS, Heading, LicenceCondition, RiskAction

if TYPE_CHECKING:
    from .queries import PlanPage


def action_summary(action: RiskAction, labels: dict[str, str]) -> list[tuple[str, str]]:
    rows = [("Heading", action.get_heading_display())]
    if action.heading == Heading.CONTINGENCY:
        rows.append(("If this happens", action.contingency_if))
        rows.append(("Then", action.action))
    else:
        rows.append(("Action", action.action))
    who = action.by_whom
    if action.organisation:
        who = f"{who} ({action.organisation.name})"
    rows.append(("By whom", who))
    rows.append(("When", action.when))
    names = [labels.get(k, f"{k} (no longer in the assessment)") for k in action.factors or []]
    rows.append(("Risk factors it manages", "; ".join(names) or "None named"))
    return rows


def headings(found: PlanPage) -> list[dict[str, Any]]:
    labels = found.labels()
    return [
        {
            **heading,
            "hint": HEADING_HINTS[Heading(heading["key"])],
            "actions": [{"item": a, "rows": action_summary(a, labels)} for a in heading["actions"]],
        }
        for heading in found.by_heading()
    ]


def risk_named(condition: LicenceCondition, labels: dict[str, str]) -> str:
    named = []
    if condition.risk_action:
        named.append(f"The action “{condition.risk_action.short}”")
    named += [labels.get(k, f"{k} (no longer in the assessment)") for k in condition.factors or []]
    return "; ".join(named)


def conditions(found: PlanPage) -> list[dict[str, Any]]:
    labels = found.labels()
    shown = []
    for condition in found.conditions:
        entry = catalogue.catalogue().by_code(condition.code)
        shown.append(
            {
                "item": condition,
                "category": entry.category if entry else "",
                "risk": risk_named(condition, labels),
                "conflicts": found.conflicts.get(condition.pk, []),
                "zone": (condition.inputs or {}).get(catalogue.ZONE, ""),
            }
        )
    return shown


def action_initial(action: RiskAction) -> dict[str, Any]:
    return {
        "heading": action.heading,
        "action": action.action,
        "by_whom": action.by_whom,
        "organisation": action.organisation_id,
        "when": action.when,
        "contingency_if": action.contingency_if,
        "factors": list(action.factors or []),
        "version": action.version,
    }


def condition_initial(condition: LicenceCondition) -> dict[str, Any]:
    return {
        **(condition.inputs or {}),
        "risk_action": condition.risk_action_id,
        "factors": list(condition.factors or []),
        "justification": condition.justification,
        "conflict_explanation": condition.conflict_explanation,
        "version": condition.version,
    }
