"""The plan as a whole: its key information (free text), what stops it being submitted, and
submitting it (locked at once, or waiting for the senior probation officer's countersignature
when the risk of serious harm is high or very high)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.core.errors import Invalid
from throughcare.planning import ownership
from throughcare.planning.checks import raise_if, text
from throughcare.records import services as records
from throughcare.records.models import Document, Version

from .. import facts, snapshot
from ..models import LicenceCondition, RiskAction
from .common import KIND, WAITING, open_version, write_snapshot

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


def check_key_information(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    text(
        problems,
        data,
        "situation",
        "Key information on the current situation",
        required=True,
        limit=records.TEXT_LIMIT,
    )
    text(problems, data, "considerations", "Further considerations", limit=records.TEXT_LIMIT)
    raise_if(problems)


@transaction.atomic
def save_key_information(
    *, user: User, person: Person, situation: str, considerations: str, expected: int
) -> Version:
    """Saves the key information into the open version: Stale if someone saved it since
    `expected` (the section's version when the user loaded it)."""
    values = {"situation": situation.strip(), "considerations": considerations.strip()}
    check_key_information(values)
    version = open_version(user, person)
    records.save_section(
        user, version, snapshot.KEY_INFORMATION, values, expected=expected, complete=True
    )
    return version


def condition_problems(
    conditions: list[LicenceCondition], conflicts: Mapping[int, list[str]]
) -> list[str]:
    """What stops the conditions being submitted: each one without a named risk, without a
    justification, or with a conflict not explained."""
    found = []
    for condition in conditions:
        name = f"“{condition.short}”"
        if not condition.names_a_risk:
            found.append(f"Name the risk that {name} manages")
        if not condition.justification.strip():
            found.append(f"Say why {name} is necessary and proportionate")
        if conflicts.get(condition.pk) and not condition.conflict_explanation.strip():
            listed = "; ".join(conflicts[condition.pk])
            found.append(f"{name}: {listed}. Change the condition or explain why it can stand")
    return found


def problems(version: Version | None, person: Person) -> dict[str, list[str]]:
    """Everything that stops the open version being submitted, by part of the plan."""
    if version is None:
        return {"__all__": ["There is no draft of the plan to submit: change the plan first"]}
    found: dict[str, list[str]] = {}
    key = version.content.get(snapshot.KEY_INFORMATION) or {}
    if not str(key.get("situation") or "").strip():
        found["situation"] = ["Enter the key information on the current situation"]
    if not RiskAction.objects.filter(document_id=version.document_id).exists():
        found["actions"] = ["Add at least one action to the plan"]
    conditions = list(LicenceCondition.objects.filter(document_id=version.document_id))
    listed = condition_problems(
        conditions, facts.conflicts_of(conditions, facts.chosen_places(person))
    )
    if listed:
        found["conditions"] = listed
    return found


@transaction.atomic
def submit(*, user: User, person: Person) -> Version:
    """Submits the open version: Invalid, listing every problem, while it cannot be."""
    ownership.require_owner(user, person)
    document = Document.objects.select_for_update().filter(person=person, kind=KIND).first()
    current = document.open_version() if document else None
    if current is not None and not current.editable:
        raise Invalid({"__all__": WAITING})
    version = open_version(user, person) if current is not None else None
    raise_if(problems(version, person))
    assert version is not None  # noqa: S101 (problems() says so when it is None)
    write_snapshot(user, version)
    return records.submit(
        user, version, countersignature_reason=facts.countersignature_reason(person)
    )
