"""A partner organisation's part of the resettlement plan (issue 12 point 8): what a partner
worker whose organisation's current agreement covers "plan" sees, and nothing else of it.

Read from the latest LOCKED version (what was agreed and signed), never from a draft: only the
steps whose organisation is theirs, the goal each serves (pathway and title), due dates and
statuses, and the progress notes on those steps. Never the person's agreement or their words,
the other steps, or a goal without a step of theirs. A step's status is the one signed, unless
a progress note recorded since the version locked moved it (running the plan changes no
signed version).

`part_for(person, organisation_id)` is read without a user: the caller has checked that the
reader is a partner of that organisation whose agreement covers "plan" (`may_see`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from throughcare.access.models import Organisation, Role
from throughcare.records.lifecycle import State
from throughcare.records.models import Version

from .models import KIND, Goal, Owner, Pathway, Step, StepProgress
from .snapshot import GOALS, goal_order, grouped, number

if TYPE_CHECKING:
    from throughcare.access.policy import Access
    from throughcare.people.models import Person

SECTION = "plan"


@dataclass(frozen=True)
class ProgressView:
    on: date
    note: str
    status: str  # the status it moved the step to ("" if unchanged)


@dataclass(frozen=True)
class PartnerStepView:
    description: str
    due_date: date | None
    status: str
    progress: tuple[ProgressView, ...]


@dataclass(frozen=True)
class PartnerGoalView:
    pathway: str
    title: str
    steps: tuple[PartnerStepView, ...]


@dataclass(frozen=True)
class PartnerPlanView:
    version: int
    locked_on: date | None
    goals: tuple[PartnerGoalView, ...]


def may_see(access: Access) -> bool:
    """A partner worker whose organisation's current agreement covers the plan."""
    return (
        access.user.role == Role.PARTNER
        and access.user.organisation_id is not None
        and access.section(SECTION)
    )


def _latest_locked(person: Person) -> Version | None:
    return (
        Version.objects.filter(person=person, document__kind=KIND, state=State.LOCKED)
        .order_by("-number")
        .first()
    )


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def is_theirs(step: Mapping[str, Any], organisation: Organisation) -> bool:
    """A signed step is the organisation's: by its id (a snapshot that holds it), else, for a
    version signed before the id was kept, a partner step naming the organisation."""
    if step.get("owner") != Owner.PARTNER:
        return False
    if "organisation_id" in step:
        return number(step.get("organisation_id")) == organisation.pk
    return bool(organisation.name) and step.get("organisation") == organisation.name


def _progress(step_ids: list[int], person: Person) -> dict[int, list[StepProgress]]:
    found: dict[int, list[StepProgress]] = defaultdict(list)
    if step_ids:
        for note in StepProgress.objects.filter(person=person, step_id__in=step_ids).order_by(
            "created_at", "pk"
        ):
            found[note.step_id].append(note)
    return found


def _status(signed: Any, notes: list[StepProgress], locked_at: datetime | None) -> str:
    status = str(signed or "")
    for note in notes:
        if note.status and (locked_at is None or note.created_at >= locked_at):
            status = note.status
    return _label(Step.Status, status)


def part_for(person: Person, organisation: Organisation) -> PartnerPlanView | None:
    """The organisation's part of the signed plan (None: no locked version yet). Goals with
    no step of theirs, and removed goals, are left out."""
    version = _latest_locked(person)
    if version is None:
        return None
    values = (version.content or {}).get(GOALS) or {}
    items = grouped(values)
    goals = {k: v for k, v in items.items() if k.startswith("goal-")}
    theirs = {
        number(k.removeprefix("step-")): v
        for k, v in items.items()
        if k.startswith("step-") and is_theirs(v, organisation)
    }
    notes = _progress(sorted(theirs), person)
    shown = []
    for key, goal in sorted(goals.items(), key=goal_order):
        if goal.get("status") == Goal.Status.REMOVED:
            continue
        goal_id = number(key.removeprefix("goal-"))
        steps = sorted(
            ((pk, s) for pk, s in theirs.items() if number(s.get("goal")) == goal_id),
            key=lambda item: (number(item[1].get("position")), item[0]),
        )
        if not steps:
            continue
        shown.append(
            PartnerGoalView(
                pathway=_label(Pathway, goal.get("pathway")),
                title=str(goal.get("title") or ""),
                steps=tuple(
                    PartnerStepView(
                        description=str(step.get("description") or ""),
                        due_date=_date(step.get("due_date")),
                        status=_status(step.get("status"), notes[pk], version.locked_at),
                        progress=tuple(
                            ProgressView(
                                on=timezone.localdate(note.created_at),
                                note=note.note,
                                status=_label(Step.Status, note.status) if note.status else "",
                            )
                            for note in notes[pk]
                        ),
                    )
                    for pk, step in steps
                ),
            )
        )
    return PartnerPlanView(
        version=version.number,
        locked_on=timezone.localdate(version.locked_at) if version.locked_at else None,
        goals=tuple(shown),
    )
