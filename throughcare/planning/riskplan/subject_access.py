"""The risk management plan's part of the subject access export: the actions of the plan, by
heading, and the licence conditions chosen, with the risk each manages and why. Withheld: the
actions of victim safety planning (about the victims: third-party information). The plan's
versions are listed by the records app's part."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from throughcare.core.subject_access import Part, Section, Withheld

from . import catalogue
from .models import Heading, LicenceCondition, RiskAction

if TYPE_CHECKING:
    from throughcare.people.models import Person

VICTIM_SAFETY = Withheld(
    "victim safety planning",
    "Third-party information: how known victims are protected is about them, withheld under "
    "the Data Protection Act 2018, Schedule 2, paragraph 16",
)


def _actions(person: Person) -> list[dict[str, Any]]:
    found = RiskAction.objects.filter(person=person).select_related("organisation")
    return [
        VICTIM_SAFETY.item()
        if action.heading == Heading.VICTIM_SAFETY
        else {
            "heading": action.get_heading_display(),
            "if": action.contingency_if or None,
            "action": action.action,
            "by_whom": action.by_whom,
            "organisation": action.organisation.name if action.organisation else None,
            "when": action.when,
        }
        for action in sorted(found, key=lambda a: (Heading.values.index(a.heading), a.pk))
    ]


def _conditions(person: Person) -> list[dict[str, Any]]:
    order = catalogue.catalogue().order
    found = LicenceCondition.objects.filter(person=person).select_related("risk_action")
    return [
        {
            "condition": condition.text,
            "risk_action": condition.risk_action.action if condition.risk_action else None,
            "why": condition.justification or None,
        }
        for condition in sorted(found, key=lambda c: (order(c.code), c.pk))
    ]


PART = Part(
    app="riskplan",
    sections=(
        Section(
            "risk_management_plan",
            93,
            _actions,
            includes="the actions of their risk management plan",
        ),
        Section(
            "licence_conditions",
            94,
            _conditions,
            includes="the additional licence conditions chosen and why",
        ),
    ),
    covers={
        "riskplan.RiskAction": "risk_management_plan",
        "riskplan.LicenceCondition": "licence_conditions",
    },
)
