"""The plan's rows as a version's content keeps them, and back as the records pages show them.

Every change to the actions or licence conditions writes all of them into the open version
(sections `actions` and `licence-conditions`, one entry each, keyed by the row's id so that
comparing two versions follows each row), with the risk factors no action manages
(`factors`). The author's free text is the section `key-information`. `rows` turns a
version's content into the `Row`s of the version, compare and countersign pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from throughcare.records.diff import Row

from . import catalogue
from .models import Heading, LicenceCondition, RiskAction
from .rules import RiskFactor

KEY_INFORMATION = "key-information"
ACTIONS = "actions"
CONDITIONS = "licence-conditions"
FACTORS = "factors"

SECTION_TITLES = {
    KEY_INFORMATION: "Key information",
    ACTIONS: "Actions",
    CONDITIONS: "Additional licence conditions",
    FACTORS: "Risk factors",
}
KEY_FIELDS = (
    ("situation", "Key information on the current situation"),
    ("considerations", "Further considerations"),
)
HEADING_ORDER = {value: index for index, value in enumerate(Heading.values)}


def _labels(keys: list[str], factors: Mapping[str, RiskFactor]) -> list[str]:
    return [
        factors[k].label if k in factors else f"{k} (no longer in the assessment)" for k in keys
    ]


def action_entry(action: RiskAction, factors: Mapping[str, RiskFactor]) -> dict[str, Any]:
    return {
        "heading": action.heading,
        "action": action.action,
        "by_whom": action.by_whom,
        "organisation": action.organisation.name if action.organisation else "",
        # What a partner's view of the signed plan is filtered on.
        "organisation_id": action.organisation_id or "",
        "when": action.when,
        "if": action.contingency_if,
        "factors": list(action.factors or []),
        "factor_labels": _labels(list(action.factors or []), factors),
        "position": action.position,
    }


def condition_entry(
    condition: LicenceCondition, factors: Mapping[str, RiskFactor]
) -> dict[str, Any]:
    entry = catalogue.catalogue().by_code(condition.code)
    return {
        "code": condition.code,
        "category": entry.category if entry else "",
        "text": condition.text,
        "action": condition.risk_action.short if condition.risk_action else "",
        "factors": list(condition.factors or []),
        "factor_labels": _labels(list(condition.factors or []), factors),
        "justification": condition.justification,
        "conflict_explanation": condition.conflict_explanation,
        "order": catalogue.catalogue().order(condition.code),
    }


def sections(
    actions: list[RiskAction],
    conditions: list[LicenceCondition],
    factors: list[RiskFactor],
    uncovered: list[RiskFactor],
) -> dict[str, dict[str, Any]]:
    by_key = {f.key: f for f in factors}
    return {
        ACTIONS: {f"action-{a.pk}": action_entry(a, by_key) for a in actions},
        CONDITIONS: {f"condition-{c.pk}": condition_entry(c, by_key) for c in conditions},
        FACTORS: {"uncovered": [f.label for f in uncovered]},
    }


# Rows of a version -----------------------------------------------------------------------------


def _action_shown(entry: Mapping[str, Any]) -> str:
    parts = []
    if entry.get("if"):
        parts.append(f"If: {entry['if']}")
        parts.append(f"Then: {entry.get('action', '')}")
    else:
        parts.append(str(entry.get("action", "")))
    who = str(entry.get("by_whom", ""))
    if entry.get("organisation"):
        who = f"{who} ({entry['organisation']})"
    parts.append(f"By whom: {who}")
    if entry.get("when"):
        parts.append(f"When: {entry['when']}")
    labels = entry.get("factor_labels") or []
    parts.append("Manages: " + ("; ".join(labels) if labels else "no risk factor named"))
    return "\n".join(parts)


def _condition_shown(entry: Mapping[str, Any]) -> str:
    parts = [str(entry.get("text", ""))]
    risks = []
    if entry.get("action"):
        risks.append(f"the action “{entry['action']}”")
    risks += list(entry.get("factor_labels") or [])
    parts.append("Risk it manages: " + ("; ".join(risks) if risks else "none named"))
    parts.append(
        "Why it is necessary and proportionate: " + (str(entry.get("justification")) or "not said")
    )
    if entry.get("conflict_explanation"):
        parts.append(f"Conflict with the chosen address explained: {entry['conflict_explanation']}")
    return "\n".join(parts)


def _heading_label(value: str) -> str:
    return Heading(value).label if value in Heading.values else value


def rows(content: Mapping[str, Any]) -> list[Row]:
    found: list[Row] = []
    key_information = content.get(KEY_INFORMATION) or {}
    for name, label in KEY_FIELDS:
        if str(key_information.get(name) or "").strip():
            found.append(Row(KEY_INFORMATION, name, label, str(key_information[name])))
    actions = content.get(ACTIONS) or {}
    for name, entry in sorted(
        actions.items(),
        key=lambda item: (
            HEADING_ORDER.get(item[1].get("heading"), 99),
            item[1].get("position", 0),
            item[0],
        ),
    ):
        found.append(
            Row(ACTIONS, name, _heading_label(entry.get("heading", "")), _action_shown(entry))
        )
    conditions = content.get(CONDITIONS) or {}
    for name, entry in sorted(conditions.items(), key=lambda i: (i[1].get("order", 0), i[0])):
        label = f"Additional condition: {entry.get('category') or 'other'}"
        found.append(Row(CONDITIONS, name, label, _condition_shown(entry)))
    uncovered = (content.get(FACTORS) or {}).get("uncovered") or []
    if uncovered:
        found.append(
            Row(FACTORS, "uncovered", "Risk factors no action manages", "; ".join(uncovered))
        )
    return found


def version_rows(version: Any) -> list[Row]:
    """The kind's `rows`: a version's answers."""
    return rows(version.content or {})
