"""Reads of the risk management plan and the licence conditions.

- For pages, given an access already checked by the gate: `plan(access)` (the case team only,
  `VIEW_PLAN`), `action`, `condition`;
- for the documents (PDFs) and the other parts of planning, read without a user (the caller has
  checked access): `risk_plan_for(person)` and `licence_for(person)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from throughcare.access.policy import Access, Action
from throughcare.core.errors import NotFound
from throughcare.planning import ownership
from throughcare.records.lifecycle import State
from throughcare.records.models import Document, Version
from throughcare.ui.forms import LARGEST_ID

from . import catalogue, facts, rules, snapshot
from .models import Heading, LicenceCondition, RiskAction

if TYPE_CHECKING:
    from datetime import date

    from throughcare.people.models import Person


@dataclass(frozen=True)
class ActionView:
    action: str
    by_whom: str
    organisation: str
    organisation_id: int | None
    when: str
    contingency_if: str
    factors: tuple[str, ...]


@dataclass(frozen=True)
class HeadingView:
    key: str
    label: str
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class RiskPlanView:
    """The plan as it stands (its working rows and the key information of its latest
    version), for the documents: `state` is the latest version's state label."""

    state: str
    version: int
    locked_on: date | None
    situation: str
    considerations: str
    headings: tuple[HeadingView, ...]
    uncovered: tuple[str, ...]


@dataclass(frozen=True)
class ConditionView:
    code: str
    category: str
    text: str


@dataclass(frozen=True)
class LicenceView:
    """The licence as the person will see it: the standard conditions' texts, then the
    additional conditions' filled texts in the catalogue's order."""

    standard: tuple[str, ...]
    additional: tuple[ConditionView, ...] = field(default_factory=tuple)


def _latest(document: Document | None) -> Version | None:
    if document is None:
        return None
    return document.versions.order_by("-number").first()


def _actions(document: Document | None) -> list[RiskAction]:
    if document is None:
        return []
    return list(RiskAction.objects.filter(document=document).select_related("organisation"))


def _conditions(document: Document | None) -> list[LicenceCondition]:
    if document is None:
        return []
    found = LicenceCondition.objects.filter(document=document).select_related("risk_action")
    order = catalogue.catalogue().order
    return sorted(found, key=lambda c: (order(c.code), c.pk))


def _action_view(action: RiskAction, labels: dict[str, str]) -> ActionView:
    return ActionView(
        action=action.action,
        by_whom=action.by_whom,
        organisation=action.organisation.name if action.organisation else "",
        organisation_id=action.organisation_id,
        when=action.when,
        contingency_if=action.contingency_if,
        factors=tuple(labels.get(k, k) for k in action.factors or []),
    )


def risk_plan_for(person: Person) -> RiskPlanView | None:
    document = facts.document(person)
    latest = _latest(document)
    if latest is None:
        return None
    factors = facts.risk_factors(person)
    labels = {f.key: f.label for f in factors}
    actions = _actions(document)
    key = latest.content.get(snapshot.KEY_INFORMATION) or {}
    return RiskPlanView(
        state=latest.state_label,
        version=latest.number,
        locked_on=timezone.localdate(latest.locked_at) if latest.locked_at else None,
        situation=str(key.get("situation") or ""),
        considerations=str(key.get("considerations") or ""),
        headings=tuple(
            HeadingView(
                value,
                label,
                tuple(_action_view(a, labels) for a in actions if a.heading == value),
            )
            for value, label in Heading.choices
        ),
        uncovered=tuple(f.label for f in rules.uncovered(factors, [a.factors for a in actions])),
    )


def licence_for(person: Person) -> LicenceView:
    found = catalogue.catalogue()
    return LicenceView(
        standard=found.standard,
        additional=tuple(
            ConditionView(c.code, entry.category if entry else "", c.text)
            for c in _conditions(facts.document(person))
            for entry in (found.by_code(c.code),)
        ),
    )


# For pages -------------------------------------------------------------------------------------


@dataclass
class PlanPage:
    """What the plan's pages show: the document's latest version and whether the user may
    change the plan; the working rows, the risk factors and the conditions' conflicts."""

    document: Document | None
    latest: Version | None
    may_change: bool
    actions: list[RiskAction]
    conditions: list[LicenceCondition]
    factors: list[rules.RiskFactor]
    uncovered: list[rules.RiskFactor]
    conflicts: dict[int, list[str]]
    owner_role: str
    overall: str

    @property
    def state(self) -> str:
        return self.latest.state_label if self.latest else "Not started"

    @property
    def waiting(self) -> bool:
        return self.latest is not None and self.latest.state == State.SUBMITTED

    @property
    def key_information(self) -> dict[str, Any]:
        return dict(self.latest.content.get(snapshot.KEY_INFORMATION) or {}) if self.latest else {}

    @property
    def key_information_version(self) -> int:
        if self.latest is None:
            return 0
        meta = self.latest.sections.get(snapshot.KEY_INFORMATION) or {}
        return int(meta.get("version", 0))

    @property
    def open_version(self) -> Version | None:
        return self.latest if self.latest and self.latest.state != State.LOCKED else None

    @property
    def without_risk(self) -> list[LicenceCondition]:
        return [c for c in self.conditions if not c.names_a_risk]

    def by_heading(self) -> list[dict[str, Any]]:
        return [
            {
                "key": value,
                "label": label,
                "actions": [a for a in self.actions if a.heading == value],
            }
            for value, label in Heading.choices
        ]

    def labels(self) -> dict[str, str]:
        return {f.key: f.label for f in self.factors}


def plan(access: Access) -> PlanPage | None:
    if not access.can(Action.VIEW_PLAN):
        return None
    person = access.person
    document = facts.document(person)
    actions = _actions(document)
    conditions = _conditions(document)
    factors = facts.risk_factors(person)
    return PlanPage(
        document=document,
        latest=_latest(document),
        may_change=ownership.may_change_plans(access.user, person),
        actions=actions,
        conditions=conditions,
        factors=factors,
        uncovered=rules.uncovered(factors, [a.factors or [] for a in actions]),
        conflicts=facts.conflicts_of(conditions, facts.chosen_places(person)),
        owner_role=ownership.owner_role(person),
        overall=facts.overall_rosh(person),
    )


def action(access: Access, action_id: int) -> RiskAction:
    found = None
    if access.can(Action.VIEW_PLAN) and 0 < action_id <= LARGEST_ID:
        found = (
            RiskAction.objects.filter(person=access.person, pk=action_id)
            .select_related("person", "organisation")
            .first()
        )
    if found is None:
        raise NotFound("No such action")
    return found


def condition(access: Access, condition_id: int) -> LicenceCondition:
    found = None
    if access.can(Action.VIEW_PLAN) and 0 < condition_id <= LARGEST_ID:
        found = (
            LicenceCondition.objects.filter(person=access.person, pk=condition_id)
            .select_related("person", "risk_action")
            .first()
        )
    if found is None:
        raise NotFound("No such licence condition")
    return found


def actions_of(access: Access) -> list[RiskAction]:
    """The plan's actions, for choosing the one a condition serves."""
    if not access.can(Action.VIEW_PLAN):
        return []
    return _actions(facts.document(access.person))
