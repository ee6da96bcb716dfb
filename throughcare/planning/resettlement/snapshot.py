"""The plan's goals and steps as a version of the signed document holds them (its "goals"
section: one flat mapping, a key per goal or step and attribute, "goal-12.title"), and back as
the rows the records pages show and compare (a row per goal and per step, keyed by its id, so
that "what changed" shows a goal or step added, changed or removed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from throughcare.records.diff import Row
from throughcare.rules.dates import long_date

from .models import PATHWAY_ORDER, AreaOfNeed, Goal, Owner, Pathway, Step

if TYPE_CHECKING:
    from throughcare.records.models import Version

GOALS = "goals"
AGREEMENT = "agreement"
SECTION_TITLES = {GOALS: "Goals and steps", AGREEMENT: "The person's agreement"}


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def take(goals: Iterable[Goal]) -> dict[str, Any]:
    """The snapshot of these goals and their steps (steps prefetched or not)."""
    values: dict[str, Any] = {}
    for goal in goals:
        prefix = f"goal-{goal.pk}."
        values.update(
            {
                prefix + "pathway": goal.pathway,
                prefix + "area_of_need": goal.area_of_need,
                prefix + "title": goal.title,
                prefix + "status": goal.status,
                prefix + "target_date": _iso(goal.target_date),
                prefix + "option": goal.option.title if goal.option_id and goal.option else "",
                prefix + "position": goal.position,
            }
        )
        for step in goal.steps.all():
            prefix = f"step-{step.pk}."
            values.update(
                {
                    prefix + "goal": goal.pk,
                    prefix + "description": step.description,
                    prefix + "owner": step.owner,
                    prefix + "organisation": step.organisation.name if step.organisation else "",
                    # What a partner's view of the signed plan is filtered on (the name alone
                    # could be renamed or reused).
                    prefix + "organisation_id": step.organisation_id or "",
                    prefix + "due_date": _iso(step.due_date),
                    prefix + "status": step.status,
                    prefix + "position": step.position,
                }
            )
    return values


def grouped(values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A snapshot's flat "goal-3.title" keys as {"goal-3": {"title": ...}}."""
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for key, value in values.items():
        item, _, attribute = str(key).partition(".")
        if attribute:
            found[item][attribute] = value
    return found


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _date(text: Any) -> str:
    try:
        return long_date(date.fromisoformat(str(text)))
    except ValueError:
        return ""


def number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def goal_order(item: tuple[str, Mapping[str, Any]]) -> tuple[int, int, int]:
    """How a snapshot's goals are listed: by pathway, then as placed, then as made."""
    key, goal = item
    return (
        PATHWAY_ORDER.get(str(goal.get("pathway")), 99),
        number(goal.get("position")),
        number(key.removeprefix("goal-")),
    )


def _goal_text(goal: Mapping[str, Any]) -> str:
    parts = [
        str(goal.get("title", "")),
        f"Status: {_label(Goal.Status, goal.get('status'))}",
        f"Area of need: {_label(AreaOfNeed, goal.get('area_of_need'))}",
    ]
    if target := _date(goal.get("target_date")):
        parts.append(f"Target date: {target}")
    if goal.get("option"):
        parts.append(f"Release option: {goal['option']}")
    return ". ".join(parts)


def owner_label(owner: Any, organisation: str) -> str:
    if owner == Owner.PARTNER and organisation:
        return organisation
    return _label(Owner, owner)


def _step_text(step: Mapping[str, Any]) -> str:
    parts = [
        str(step.get("description", "")),
        f"Who does it: {owner_label(step.get('owner'), str(step.get('organisation', '')))}",
        f"Due: {_date(step.get('due_date')) or 'no date'}",
        f"Status: {_label(Step.Status, step.get('status'))}",
    ]
    return ". ".join(parts)


def rows(values: Mapping[str, Any]) -> list[Row]:
    """A row per goal (by pathway, then as placed) followed by a row per step of it."""
    items = grouped(values)
    goals = {k: v for k, v in items.items() if k.startswith("goal-")}
    steps = {k: v for k, v in items.items() if k.startswith("step-")}
    found = []
    for key, goal in sorted(goals.items(), key=goal_order):
        pathway = _label(Pathway, goal.get("pathway"))
        found.append(Row(GOALS, key, f"Goal: {pathway}", _goal_text(goal)))
        goal_id = number(key.removeprefix("goal-"))
        mine = [(k, s) for k, s in steps.items() if number(s.get("goal")) == goal_id]
        for step_key, step in sorted(
            mine,
            key=lambda item: (
                number(item[1].get("position")),
                number(item[0].removeprefix("step-")),
            ),
        ):
            found.append(
                Row(GOALS, step_key, f"Step towards: {goal.get('title', '')}", _step_text(step))
            )
    return found


class Agreement:
    """The person's agreement, as the version's "agreement" section holds it."""

    AGREED = "agreed"
    DOES_NOT_AGREE = "does not agree"
    COULD_NOT_ANSWER = "could not answer"
    UPDATED_AGREED = "updated agreed"
    UPDATED_DOES_NOT_AGREE = "updated does not agree"

    LABELS = {
        AGREED: "Agreed",
        DOES_NOT_AGREE: "Does not agree",
        COULD_NOT_ANSWER: "Could not answer",
        UPDATED_AGREED: "Agreed to the updated plan",
        UPDATED_DOES_NOT_AGREE: "Does not agree with the updated plan",
    }

    @classmethod
    def choices(cls, number: int) -> list[tuple[str, str]]:
        """What the person may answer on version `number`: after the first version, the
        updated plan."""
        keys = (
            [cls.AGREED, cls.DOES_NOT_AGREE, cls.COULD_NOT_ANSWER]
            if number <= 1
            else [cls.UPDATED_AGREED, cls.UPDATED_DOES_NOT_AGREE, cls.COULD_NOT_ANSWER]
        )
        return [(key, cls.LABELS[key]) for key in keys]

    @classmethod
    def label(cls, key: Any) -> str:
        return cls.LABELS.get(str(key or ""), "")


def agreement_rows(values: Mapping[str, Any]) -> list[Row]:
    found = []
    if label := Agreement.label(values.get("agreement")):
        found.append(Row(AGREEMENT, "agreement", "The person's agreement", label))
    if values.get("words"):
        found.append(Row(AGREEMENT, "words", "In their words", str(values["words"])))
    if recorded := _date(values.get("recorded_on")):
        found.append(Row(AGREEMENT, "recorded_on", "Recorded on", recorded))
    return found


def version_rows(version: Version) -> list[Row]:
    """The kind's `rows`: the goals and steps, then the person's agreement."""
    content = version.content or {}
    return rows(content.get(GOALS) or {}) + agreement_rows(content.get(AGREEMENT) or {})
