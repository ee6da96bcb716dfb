"""The steps towards each goal (only the plan's owner changes them, as the goals) and the
progress notes on them, which the allocated staff add at any time, on a locked plan too:
running the plan does not change the plan that was signed.

A step says who does it (the person, the POM, the COM, or a partner organisation, which it
must then name) and by when: not after the person's licence ends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from throughcare.access import policy
from throughcare.access.models import Organisation
from throughcare.access.policy import Action
from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.rules.dates import long_date

from .. import facts
from ..models import TEXT_LIMIT, Goal, Owner, Step, StepProgress
from .plan import (
    _document,
    editable_version,
    require_owner,
    save_change,
    write_changes,
    write_snapshot,
)

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

FIELDS = ("description", "owner", "organisation", "due_date", "status")
STALE = "Someone else changed this step since you opened it. Check it and save again"


@dataclass(frozen=True)
class NewStep:
    description: str
    owner: str
    due_date: date | None
    organisation: Organisation | None = None
    status: str = Step.Status.NOT_STARTED

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewStep:
        owner = str(data.get("owner") or "")
        return cls(
            description=str(data.get("description") or "").strip(),
            owner=owner,
            due_date=data.get("due_date"),
            # Only a partner organisation's step names one.
            organisation=data.get("organisation") if owner == Owner.PARTNER else None,
            status=str(data.get("status") or Step.Status.NOT_STARTED),
        )


def _check_due(
    problems: dict[str, str], due: date | None, *, person: Person, was: date | None, new: bool
) -> None:
    end = facts.licence_end(person)
    if due is None:
        problems["due_date"] = "Enter the due date"
    elif end is not None and due > end.on:
        problems["due_date"] = (
            f"The due date must be on or before the day the licence ends "
            f"({long_date(end.on)}, the {end.label})"
        )
    elif due < clock.today() and (new or due != was):
        problems["due_date"] = "The due date must be today or in the future"


def check_step(
    data: Mapping[str, Any], *, person: Person, was: date | None = None, new: bool = True
) -> None:
    """Every problem with a step's fields (those given): `was` is its due date before the
    change, which it may keep even if it has passed."""
    problems: dict[str, str] = {}
    if "description" in data:
        text = str(data["description"] or "").strip()
        if not text:
            problems["description"] = "Enter what will be done"
        elif len(text) > TEXT_LIMIT:
            problems["description"] = (
                f"What will be done must be {TEXT_LIMIT:,} characters or fewer"
            )
    owner = data.get("owner")
    if "owner" in data and owner not in Owner.values:
        problems["owner"] = "Select who does the step"
    organisation = data.get("organisation")
    if owner == Owner.PARTNER:
        if organisation is None:
            problems["organisation"] = "Select the partner organisation that does the step"
        elif getattr(organisation, "kind", None) != Organisation.Kind.PARTNER:
            problems["organisation"] = "Select a partner organisation"
    if "status" in data and data["status"] not in Step.Status.values:
        problems["status"] = "Select the status of the step"
    if "due_date" in data:
        _check_due(problems, data["due_date"], person=person, was=was, new=new)
    if problems:
        raise Invalid(problems)


def _values(new: NewStep) -> dict[str, Any]:
    return {name: getattr(new, name) for name in FIELDS}


@transaction.atomic
def add_step(*, user: User, goal: Goal, new: NewStep) -> Step:
    require_owner(user, goal.person)
    check_step(_values(new), person=goal.person)
    _document(goal.person)
    current = Goal.objects.select_for_update().get(pk=goal.pk)
    if current.removed:
        raise Refused("This goal was removed from the plan: it cannot have new steps")
    version = editable_version(user, goal.person)
    last = Step.objects.filter(goal=current).aggregate(Max("position"))["position__max"]
    step = Step.objects.create(
        person_id=current.person_id,
        goal=current,
        created_by=user,
        position=(last or 0) + 1,
        **_values(new),
    )
    record_for(step, user=user, operation=Operation.COLLECTION, fields=list(FIELDS))
    write_snapshot(user, version)
    return step


def _current(step: Step, expected: int | None = None) -> Step:
    current = (
        Step.objects.select_for_update(of=("self",))
        .select_related("goal", "person")
        .get(pk=step.pk)
    )
    if expected is not None and current.version != expected:
        raise Stale(STALE, current=current)
    return current


@transaction.atomic
def change_step(*, user: User, step: Step, new: NewStep, expected: int) -> Step:
    require_owner(user, step.person)
    _document(step.person)
    current = _current(step, expected)
    if current.goal.removed:
        raise Refused("This goal was removed from the plan: its steps cannot change")
    check_step(_values(new), person=current.person, was=current.due_date, new=False)
    write_changes(user, current, new, FIELDS)
    return current


# Progress -------------------------------------------------------------------------------------


def check_progress(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    if "note" in data:
        note = str(data["note"] or "").strip()
        if not note:
            problems["note"] = "Enter the progress note"
        elif len(note) > TEXT_LIMIT:
            problems["note"] = f"The progress note must be {TEXT_LIMIT:,} characters or fewer"
    status = data.get("status") or ""
    if status and status not in Step.Status.values:
        problems["status"] = "Select the step's status now"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def add_progress(*, user: User, step: Step, note: str, status: str = "") -> StepProgress:
    """A progress note on a step by the allocated staff, which may move the step's status.
    It changes no version of the plan: the signed plan stays as it was signed."""
    if not policy.can(user, step.person, Action.EDIT):
        raise Refused("Only the allocated staff can record progress on the plan")
    check_progress({"note": note, "status": status})
    current = _current(step)
    if current.goal.removed:
        raise Refused("This goal was removed from the plan")
    moved = status if status and status != current.status else ""
    progress = StepProgress.objects.create(
        person_id=current.person_id,
        step=current,
        note=note.strip(),
        status=moved,
        created_by=user,
    )
    record_for(progress, user=user, operation=Operation.COLLECTION, fields=["note", "status"])
    if moved:
        current.status = moved
        save_change(user, current, ["status"])
    return progress
