"""Choosing, changing and removing additional licence conditions: their blanks filled (all
required), the risk each manages (an action of the plan, or risk factors) and why it is
necessary and proportionate; an explanation where it conflicts with the chosen address.
The risk and the justification may wait until submission, which refuses without them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core.errors import Invalid, NotFound
from throughcare.planning.checks import raise_if, text

from .. import catalogue, facts
from ..models import LicenceCondition, RiskAction
from .common import open_version, require_current, write_changes, write_snapshot

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


@dataclass(frozen=True)
class NewCondition:
    inputs: dict[str, str] = field(default_factory=dict)
    risk_action: RiskAction | None = None
    factors: tuple[str, ...] = ()
    justification: str = ""
    conflict_explanation: str = ""

    @classmethod
    def from_cleaned(cls, entry: catalogue.Condition, data: Mapping[str, Any]) -> NewCondition:
        return cls(
            inputs={name: str(data.get(name) or "").strip() for name in entry.inputs},
            risk_action=data.get("risk_action"),
            factors=tuple(str(f) for f in data.get("factors") or ()),
            justification=str(data.get("justification") or "").strip(),
            conflict_explanation=str(data.get("conflict_explanation") or "").strip(),
        )


def entry_for(code: str) -> catalogue.Condition:
    entry = catalogue.catalogue().by_code(code)
    if entry is None:
        raise NotFound("No such licence condition")
    return entry


def check_condition(
    entry: catalogue.Condition,
    data: Mapping[str, Any],
    *,
    factor_keys: set[str],
    kept: tuple[str, ...] = (),
) -> None:
    """Every problem: a blank not filled, a risk factor not in the assessment, text too long.
    (A missing risk or justification is refused at submission, not here.)"""
    problems: dict[str, str] = dict(
        catalogue.problems(entry, {n: str(data.get(n) or "") for n in entry.inputs})
    )
    chosen = [str(f) for f in data.get("factors") or ()]
    if any(f not in factor_keys and f not in kept for f in chosen):
        problems["factors"] = "Select risk factors from the current assessment"
    text(problems, data, "justification", "Why it is necessary and proportionate")
    text(problems, data, "conflict_explanation", "The explanation")
    raise_if(problems)


def _check_action(person: Person, document_id: int, action: RiskAction | None) -> None:
    if action is not None and (action.person_id != person.pk or action.document_id != document_id):
        raise Invalid({"risk_action": "Select an action of this plan"})


def _fields(entry: catalogue.Condition, new: NewCondition) -> dict[str, Any]:
    return {
        "inputs": dict(new.inputs),
        "text": catalogue.fill(entry, new.inputs),
        "risk_action": new.risk_action,
        "factors": list(new.factors),
        "justification": new.justification,
        "conflict_explanation": new.conflict_explanation,
    }


def _data(new: NewCondition) -> dict[str, Any]:
    return {**new.inputs, **{k: v for k, v in new.__dict__.items() if k != "inputs"}}


@transaction.atomic
def add_condition(*, user: User, person: Person, code: str, new: NewCondition) -> LicenceCondition:
    entry = entry_for(code)
    check_condition(entry, _data(new), factor_keys={f.key for f in facts.risk_factors(person)})
    version = open_version(user, person)
    _check_action(person, version.document_id, new.risk_action)
    values = _fields(entry, new)
    condition = LicenceCondition.objects.create(
        person=person, document_id=version.document_id, created_by=user, code=entry.code, **values
    )
    record_for(condition, user=user, operation=Operation.COLLECTION, fields=["code", *values])
    write_snapshot(user, version)
    return condition


def _locked(condition: LicenceCondition) -> LicenceCondition:
    return (
        LicenceCondition.objects.select_for_update().select_related("person").get(pk=condition.pk)
    )


@transaction.atomic
def change_condition(
    *, user: User, condition: LicenceCondition, new: NewCondition, expected: int
) -> LicenceCondition:
    person = condition.person
    entry = entry_for(condition.code)
    version = open_version(user, person)
    current = _locked(condition)
    require_current(current, expected)
    check_condition(
        entry,
        _data(new),
        factor_keys={f.key for f in facts.risk_factors(person)},
        kept=tuple(current.factors or []),
    )
    _check_action(person, version.document_id, new.risk_action)
    values = _fields(entry, new)
    write_changes(user, version, current, values)
    return current


@transaction.atomic
def remove_condition(*, user: User, condition: LicenceCondition, expected: int) -> None:
    version = open_version(user, condition.person)
    current = _locked(condition)
    require_current(current, expected)
    record_for(current, user=user, operation=Operation.ERASURE, fields=["code", "text"])
    current.delete()
    write_snapshot(user, version)
