"""Reading the person's resettlement plan: for the pages, through the access the gate gave
them (`Access`); and `plan_for(person)`, the plan as plain values for the PDFs and the
partners' view, read without a user (the caller has checked access)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from throughcare.access.models import Organisation
from throughcare.access.policy import Access
from throughcare.core import clock
from throughcare.core.errors import NotFound
from throughcare.people.models import Person
from throughcare.planning.models import Option
from throughcare.records.lifecycle import State
from throughcare.records.models import Document, Version

from .models import KIND, PATHWAY_ORDER, Goal, Owner, Pathway, Step, StepProgress
from .snapshot import AGREEMENT, Agreement

# How the person's own copy names who does a step.
OWNER_FOR_PERSON = {
    Owner.PERSON: "You",
    Owner.POM: "Your prison offender manager",
    Owner.COM: "Your community offender manager",
}


@dataclass(frozen=True)
class StepView:
    description: str
    owner: str  # "You", "Your prison offender manager", ... or the organisation's name
    organisation_id: int | None
    due_date: date | None
    status: str


@dataclass(frozen=True)
class GoalView:
    pathway: str
    area: str
    title: str
    status: str
    target_date: date | None
    option: str
    steps: tuple[StepView, ...]


@dataclass(frozen=True)
class AgreementView:
    label: str  # "Agreed", "Does not agree", ... or "Not recorded"
    words: str


@dataclass(frozen=True)
class PlanView:
    state: str
    agreement: AgreementView
    agreed_on: date | None
    goals: tuple[GoalView, ...]


def _sorted(goals: Sequence[Goal]) -> list[Goal]:
    return sorted(goals, key=lambda g: (PATHWAY_ORDER.get(g.pathway, 99), g.position, g.pk))


def _steps() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=Step.objects.select_related("organisation").prefetch_related(
            Prefetch("progress", queryset=StepProgress.objects.select_related("created_by"))
        ),
    )


def _goals(person: Person) -> list[Goal]:
    return _sorted(
        list(
            Goal.objects.filter(person=person, document__kind=KIND)
            .select_related("option")
            .prefetch_related(_steps())
        )
    )


def document(person: Person) -> Document | None:
    return Document.objects.filter(person=person, kind=KIND).first()


def current_version(found: Document | None) -> Version | None:
    """The version being written or reviewed, else the latest locked one."""
    if found is None:
        return None
    return found.open_version() or found.latest_locked()


def agreement_of(version: Version | None) -> tuple[AgreementView, date | None]:
    values = (version.content.get(AGREEMENT) or {}) if version is not None else {}
    label = Agreement.label(values.get("agreement")) or "Not recorded"
    agreed_on = None
    if values.get("agreement") in (Agreement.AGREED, Agreement.UPDATED_AGREED):
        try:
            agreed_on = date.fromisoformat(str(values.get("recorded_on")))
        except ValueError:
            agreed_on = None
    return AgreementView(label, str(values.get("words") or "")), agreed_on


def _step_view(step: Step) -> StepView:
    owner = (
        step.organisation.name
        if step.owner == Owner.PARTNER and step.organisation is not None
        else OWNER_FOR_PERSON.get(Owner(step.owner), step.get_owner_display())
    )
    return StepView(
        description=step.description,
        owner=owner,
        organisation_id=step.organisation_id,
        due_date=step.due_date,
        status=step.get_status_display(),
    )


def plan_for(person: Person) -> PlanView | None:
    """The plan as it stands (its goals and steps now, less removed goals; the state and the
    agreement of its current version), or None when the person has no plan."""
    found = document(person)
    version = current_version(found)
    if version is None:
        return None
    agreement, agreed_on = agreement_of(version)
    goals = tuple(
        GoalView(
            pathway=goal.get_pathway_display(),
            area=goal.get_area_of_need_display(),
            title=goal.title,
            status=goal.get_status_display(),
            target_date=goal.target_date,
            option=goal.option.title if goal.option is not None else "",
            steps=tuple(_step_view(step) for step in goal.steps.all()),
        )
        for goal in _goals(person)
        if not goal.removed
    )
    return PlanView(
        state=State(version.state).label, agreement=agreement, agreed_on=agreed_on, goals=goals
    )


# For the pages -------------------------------------------------------------------------------


def goals(access: Access) -> list[Goal]:
    """Every goal of the plan (removed ones too), by pathway, with steps and progress."""
    return _goals(access.person)


def goal(access: Access, goal_id: int) -> Goal:
    found = (
        Goal.objects.filter(person=access.person, pk=goal_id)
        .select_related("person", "option")
        .first()
    )
    if found is None:
        raise NotFound("No such goal")
    return found


def step(access: Access, step_id: int) -> Step:
    found = (
        Step.objects.filter(person=access.person, pk=step_id)
        .select_related("person", "goal", "organisation")
        .prefetch_related(
            Prefetch("progress", queryset=StepProgress.objects.select_related("created_by"))
        )
        .first()
    )
    if found is None:
        raise NotFound("No such step")
    return found


def chosen_options(access: Access) -> QuerySet[Option]:
    return Option.objects.filter(person=access.person, status=Option.Status.CHOSEN).order_by(
        "kind", "pk"
    )


def partners() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("name")


def overdue(found: Sequence[Goal], today: date | None = None) -> list[Step]:
    """The steps of goals still on the plan due before today and neither completed nor no
    longer needed."""
    today = today or clock.today()
    return [
        step
        for goal in found
        if not goal.removed
        for step in goal.steps.all()
        if step.due_date < today and not step.finished
    ]


def by_pathway(found: Sequence[Goal]) -> list[tuple[str, list[Goal]]]:
    """The goals still on the plan, under each pathway that has one, in pathway order."""
    shown = [goal for goal in found if not goal.removed]
    return [
        (label, [goal for goal in shown if goal.pathway == key])
        for key, label in Pathway.choices
        if any(goal.pathway == key for goal in shown)
    ]


# For lists of people (the team view) ------------------------------------------------------------

BEHIND, ON_TRACK, ACHIEVED = "behind", "on track", "achieved"


def pathway_progress(person_ids: Collection[Any], today: date) -> dict[Any, dict[str, str]]:
    """For a list of people already chosen through the access policy: each one's progress on
    every pathway their plan has a goal on (removed goals left out), in pathway order:
    `BEHIND` when a step of an unachieved goal is due before today and not finished,
    `ACHIEVED` when every goal on it is achieved, `ON_TRACK` otherwise. People without a goal
    are left out. Two queries."""
    person_ids = list(person_ids)
    goals = list(
        Goal.objects.filter(person_id__in=person_ids, document__kind=KIND)
        .exclude(status=Goal.Status.REMOVED)
        .values_list("pk", "person_id", "pathway", "status")
    )
    late_goals = set(
        Step.objects.filter(person_id__in=person_ids, due_date__lt=today)
        .exclude(status__in=[Step.Status.COMPLETED, Step.Status.NO_LONGER_NEEDED])
        .values_list("goal_id", flat=True)
    )
    found: dict[Any, dict[str, list[tuple[int, str]]]] = {}
    for pk, person_id, pathway, status in goals:
        found.setdefault(person_id, {}).setdefault(pathway, []).append((pk, status))
    progress: dict[Any, dict[str, str]] = {}
    for person_id, pathways in found.items():
        shown: dict[str, str] = {}
        for pathway in sorted(pathways, key=lambda key: PATHWAY_ORDER.get(key, 99)):
            on_it = pathways[pathway]
            if any(pk in late_goals and s != Goal.Status.ACHIEVED for pk, s in on_it):
                shown[pathway] = BEHIND
            elif all(s == Goal.Status.ACHIEVED for _, s in on_it):
                shown[pathway] = ACHIEVED
            else:
                shown[pathway] = ON_TRACK
        progress[person_id] = shown
    return progress
