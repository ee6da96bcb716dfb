"""Adding, changing and removing the plan's goals (only the plan's owner, only while its
current version is editable: a locked plan starts a new version). A need of the assessment
becomes a goal with its pathway and area of need prefilled by the page; a goal may carry out
a chosen release option. A new goal's target date cannot be in the past (a goal whose date
has passed keeps it when other things about it change)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.planning.models import Option

from ..models import TITLE_LIMIT, AreaOfNeed, Goal, Pathway
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

FIELDS = ("pathway", "area_of_need", "title", "status", "target_date", "option")
STALE = "Someone else changed this goal since you opened it. Check it and save again"


@dataclass(frozen=True)
class NewGoal:
    pathway: str
    area_of_need: str
    title: str
    status: str = Goal.Status.ACTIVE
    target_date: date | None = None
    option: Option | None = None

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewGoal:
        return cls(
            pathway=str(data.get("pathway") or ""),
            area_of_need=str(data.get("area_of_need") or ""),
            title=str(data.get("title") or "").strip(),
            status=str(data.get("status") or ""),
            target_date=data.get("target_date"),
            option=data.get("option"),
        )


SETTABLE = (Goal.Status.ACTIVE, Goal.Status.FUTURE, Goal.Status.ACHIEVED)


def check_goal(
    data: Mapping[str, Any], *, person: Person, was: date | None = None, new: bool = True
) -> None:
    """Every problem with a goal's fields (those given): `was` is the goal's target date
    before the change, which it may keep even if it has passed."""
    problems: dict[str, str] = {}
    if "pathway" in data and data["pathway"] not in Pathway.values:
        problems["pathway"] = "Select the pathway"
    if "area_of_need" in data and data["area_of_need"] not in AreaOfNeed.values:
        problems["area_of_need"] = "Select the area of need"
    if "title" in data:
        title = str(data["title"] or "").strip()
        if not title:
            problems["title"] = "Enter what they want to achieve"
        elif len(title) > TITLE_LIMIT:
            problems["title"] = f"The goal must be {TITLE_LIMIT} characters or fewer"
    status = data.get("status")
    if "status" in data and status not in SETTABLE:
        problems["status"] = "Select the status of the goal"
    target = data.get("target_date")
    if "target_date" in data and "target_date" not in problems:
        if target is None and status == Goal.Status.ACTIVE:
            problems["target_date"] = "Enter the target date for an active goal"
        elif target is not None and target < clock.today() and (new or target != was):
            problems["target_date"] = "The target date must be today or in the future"
    option = data.get("option")
    if option is not None and (
        getattr(option, "person_id", None) != person.pk
        or getattr(option, "status", None) != Option.Status.CHOSEN
    ):
        problems["option"] = "Select a release option that has been chosen"
    if problems:
        raise Invalid(problems)


def _values(new: NewGoal) -> dict[str, Any]:
    return {name: getattr(new, name) for name in FIELDS}


@transaction.atomic
def add_goal(*, user: User, person: Person, new: NewGoal) -> Goal:
    """A new goal on the plan (its first version started if there is no plan yet)."""
    require_owner(user, person)
    check_goal(_values(new), person=person)
    version = editable_version(user, person)
    last = Goal.objects.filter(document=version.document, pathway=new.pathway).aggregate(
        Max("position")
    )["position__max"]
    goal = Goal.objects.create(
        person=person,
        document=version.document,
        created_by=user,
        position=(last or 0) + 1,
        **_values(new),
    )
    record_for(goal, user=user, operation=Operation.COLLECTION, fields=list(FIELDS))
    write_snapshot(user, version)
    return goal


def _current(goal: Goal, expected: int) -> Goal:
    current = Goal.objects.select_for_update().select_related("person").get(pk=goal.pk)
    if current.version != expected:
        raise Stale(STALE, current=current)
    return current


@transaction.atomic
def change_goal(*, user: User, goal: Goal, new: NewGoal, expected: int) -> Goal:
    """Changes a goal (`expected`: its version when the page was opened). Nothing changed,
    nothing written; otherwise the plan's version takes the change."""
    require_owner(user, goal.person)
    _document(goal.person)
    current = _current(goal, expected)
    if current.removed:
        raise Refused("This goal was removed from the plan: it cannot change")
    check_goal(_values(new), person=current.person, was=current.target_date, new=False)
    write_changes(user, current, new, FIELDS)
    return current


@transaction.atomic
def remove_goal(*, user: User, goal: Goal, expected: int) -> Goal:
    """Takes a goal out of the plan: it stays on the record as removed, and the signed
    versions that held it still show it."""
    require_owner(user, goal.person)
    _document(goal.person)
    current = _current(goal, expected)
    if current.removed:
        return current
    version = editable_version(user, current.person)
    current.status = Goal.Status.REMOVED
    save_change(user, current, ["status"])
    write_snapshot(user, version)
    return current
