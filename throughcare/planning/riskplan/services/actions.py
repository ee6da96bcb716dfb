"""Adding, changing and removing the actions of the risk management plan: each checks, writes
in one transaction with its audit event and the snapshot of the plan in the open version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from throughcare.access.models import Organisation
from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core.errors import Invalid
from throughcare.planning.checks import raise_if, text

from .. import facts
from ..models import Heading, RiskAction
from .common import open_version, require_current, short, write_changes, write_snapshot

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


@dataclass(frozen=True)
class NewAction:
    heading: str
    action: str
    by_whom: str
    when: str = ""
    contingency_if: str = ""
    organisation: Organisation | None = None
    factors: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewAction:
        return cls(
            heading=str(data.get("heading") or ""),
            action=str(data.get("action") or "").strip(),
            by_whom=str(data.get("by_whom") or "").strip(),
            when=str(data.get("when") or "").strip(),
            contingency_if=str(data.get("contingency_if") or "").strip(),
            organisation=data.get("organisation"),
            factors=tuple(str(f) for f in data.get("factors") or ()),
        )

    def as_data(self) -> dict[str, Any]:
        return {**self.__dict__, "factors": list(self.factors)}


def check_action(
    data: Mapping[str, Any], *, factor_keys: set[str], kept: tuple[str, ...] = ()
) -> None:
    """Every problem in an action: `factor_keys` are the current assessment's risk factors
    (at least one must be named when there are any); `kept` are keys the action already names
    that the assessment no longer lists (they may stay)."""
    problems: dict[str, str] = {}
    if "heading" in data and data["heading"] not in Heading.values:
        problems["heading"] = "Select the heading the action comes under"
    contingency = data.get("heading") == Heading.CONTINGENCY
    text(
        problems,
        data,
        "action",
        "The action",
        required=True,
        missing="Enter what will be done" if contingency else "Enter the action",
    )
    short(problems, data, "by_whom", "By whom", required=True, missing="Enter who will do it")
    short(problems, data, "when", "When", required=True, missing="Enter when, or how often")
    text(problems, data, "contingency_if", "If this happens")
    if contingency and "contingency_if" in data and not str(data["contingency_if"] or "").strip():
        problems["contingency_if"] = "Enter what would have to happen for the plan to act"
    organisation = data.get("organisation")
    if (
        organisation is not None
        and getattr(organisation, "kind", None) != Organisation.Kind.PARTNER
    ):
        problems["organisation"] = "Select a partner organisation"
    if "factors" in data:
        chosen = [str(f) for f in data.get("factors") or ()]
        unknown = [f for f in chosen if f not in factor_keys and f not in kept]
        if unknown:
            problems["factors"] = "Select risk factors from the current assessment"
        elif factor_keys and not chosen:
            problems["factors"] = "Select the risk factors this action manages"
    raise_if(problems)


def _factor_keys(person: Person) -> set[str]:
    return {f.key for f in facts.risk_factors(person)}


def _fields(new: NewAction) -> dict[str, Any]:
    return {
        "heading": new.heading,
        "action": new.action,
        "by_whom": new.by_whom,
        "when": new.when,
        "contingency_if": new.contingency_if if new.heading == Heading.CONTINGENCY else "",
        "organisation": new.organisation,
        "factors": list(new.factors),
    }


@transaction.atomic
def add_action(*, user: User, person: Person, new: NewAction) -> RiskAction:
    check_action(new.as_data(), factor_keys=_factor_keys(person))
    version = open_version(user, person)
    last = RiskAction.objects.filter(document_id=version.document_id).aggregate(Max("position"))
    action = RiskAction.objects.create(
        person=person,
        document_id=version.document_id,
        created_by=user,
        position=(last["position__max"] or 0) + 1,
        **_fields(new),
    )
    record_for(action, user=user, operation=Operation.COLLECTION, fields=list(_fields(new)))
    write_snapshot(user, version)
    return action


def _locked(action: RiskAction) -> RiskAction:
    return RiskAction.objects.select_for_update().select_related("person").get(pk=action.pk)


@transaction.atomic
def change_action(*, user: User, action: RiskAction, new: NewAction, expected: int) -> RiskAction:
    """Changes the action: Stale if it changed since `expected` (its version when loaded)."""
    person = action.person
    version = open_version(user, person)
    current = _locked(action)
    require_current(current, expected)
    check_action(new.as_data(), factor_keys=_factor_keys(person), kept=tuple(current.factors or []))
    values = _fields(new)
    write_changes(user, version, current, values)
    return current


@transaction.atomic
def remove_action(*, user: User, action: RiskAction, expected: int) -> None:
    """Removes the action (the signed versions keep it); refused while a licence condition
    names it as the risk it manages."""
    version = open_version(user, action.person)
    current = _locked(action)
    require_current(current, expected)
    named = list(current.licence_conditions.all())
    if named:
        listed = "; ".join(f"“{c.short}”" for c in named)
        raise Invalid(
            {
                "__all__": "A licence condition names this action as the risk it manages: "
                f"change the condition first ({listed})"
            }
        )
    record_for(current, user=user, operation=Operation.ERASURE, fields=["action"])
    current.delete()
    write_snapshot(user, version)
