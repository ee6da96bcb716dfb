"""The person's own plan (issue 12 point 8): what they are working towards, who does each step
and when, their first appointment, what they need on the day they leave and their licence
conditions, in plain language, written to them.

`PersonCopy` is deliberately narrow: `person_copy(person)` is the only way to make one and it
copies, field by field, only what the person's copy may hold. The template is given nothing
else (not the person, not the plan's views), so nothing else can reach it: no risk score or
level, no victim, no other person (beyond their officers' names and the organisations doing
their steps), no case notes and nothing of the assessment.

What is left out, and why:
- the release options (who lives at an address is about other people) and the risk management
  plan (risk information, and victim safety planning);
- the details typed beside each day-of-release need (they can name family or a victim);
- in the licence conditions, a blank that names a person or a place (a victim, their family, a
  named individual, a road or premises) reads "(as named on your licence)": the licence
  itself, given to them separately, says it in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from throughcare.core import clock
from throughcare.planning.release import queries as release
from throughcare.planning.release.models import AppointmentWho
from throughcare.planning.resettlement import queries as resettlement
from throughcare.planning.resettlement.facts import licence_end
from throughcare.planning.riskplan import catalogue
from throughcare.planning.riskplan import facts as riskplan_facts
from throughcare.planning.riskplan import queries as riskplan
from throughcare.planning.riskplan.models import LicenceCondition
from throughcare.rules.dates import long_date

if TYPE_CHECKING:
    from throughcare.people.models import Person

# A blank of a licence condition whose words name a person or a place other than the person's
# own address: not copied into the person's plan.
NAMES_PEOPLE = re.compile(r"VICTIM|FAMILY|NAMED INDIVIDUAL|NAMED OFFENDER")
NAMES_PLACES = re.compile(r"ADDRESS / ROAD")
AS_ON_LICENCE = "(as named on your licence)"

STEP_STATUS = {
    "Not started": "Not started yet",
    "In progress": "Started",
    "Completed": "Done",
    "Cannot be done yet": "Cannot be done yet",
    "No longer needed": "No longer needed",
}
GOAL_STATUS = {
    "Active": "Working on it now",
    "Future": "Later",
    "Achieved": "Achieved",
}
NEED_STATUS = {
    "In place": "Sorted",
    "Not yet": "Not sorted yet: your offender manager is working on it",
    "Not needed": "Not needed",
    "Not recorded": "Not checked yet",
}
NEED_WORDS = {
    "accommodation": "Somewhere to live on your first night",
    "id": "ID",
    "bank": "A bank account",
    "benefit": "A benefit claim",
    "gp": "A GP (doctor) and any medication you need",
    "travel": "How you will get to your first appointment",
    "licence": "Your licence explained to you",
}


@dataclass(frozen=True)
class CopyStep:
    what: str
    who: str  # "You", "Your prison offender manager", ... or the organisation's name
    by: date | None
    status: str


@dataclass(frozen=True)
class CopyGoal:
    area: str  # the pathway, e.g. "Accommodation"
    goal: str
    status: str
    by: date | None
    steps: tuple[CopyStep, ...]


@dataclass(frozen=True)
class CopyNeed:
    what: str
    status: str
    sorted: bool


@dataclass(frozen=True)
class PersonCopy:
    name: str
    produced_on: date
    release_date: date | None
    released_on: date | None  # the day they left prison, once the release is recorded
    licence_ends: date | None
    prison_offender_manager: str
    community_offender_manager: str
    agreement: str  # "You agreed to this plan on 3 November 2026." or ""
    goals: tuple[CopyGoal, ...]
    first_appointment_who: str
    first_appointment_when: str
    needs: tuple[CopyNeed, ...]
    id_documents: tuple[str, ...]
    standard_conditions: tuple[str, ...]
    additional_conditions: tuple[str, ...]


def _name(person: Person) -> str:
    return f"{person.preferred_name or person.given_name} {person.family_name}"


def _agreement(plan: resettlement.PlanView | None) -> str:
    if plan is None or plan.agreed_on is None:
        return ""
    return f"You agreed to this plan on {long_date(plan.agreed_on)}."


def _goals(plan: resettlement.PlanView | None) -> tuple[CopyGoal, ...]:
    if plan is None:
        return ()
    return tuple(
        CopyGoal(
            area=goal.pathway,
            goal=goal.title,
            status=GOAL_STATUS.get(goal.status, goal.status),
            by=goal.target_date,
            steps=tuple(
                CopyStep(
                    what=step.description,
                    who=step.owner,
                    by=step.due_date,
                    status=STEP_STATUS.get(step.status, step.status),
                )
                for step in goal.steps
            ),
        )
        for goal in plan.goals
    )


def _appointment_who(who: str, com_name: str) -> str:
    """Who the first appointment is with, said to the person, to follow "You will see"."""
    if who == AppointmentWho.COM.label:
        manager = "your community offender manager"
        return f"{manager}, {com_name}" if com_name else manager
    if who == AppointmentWho.DUTY_OFFICER.label:
        return "the duty probation officer"
    return who  # a named officer


def _condition_text(row: LicenceCondition) -> str:
    """The condition as filled, but a blank naming a person or a place reads as on the
    licence."""
    entry = catalogue.catalogue().by_code(row.code)
    if entry is None:
        return ""
    inputs = dict(row.inputs or {})
    for blank in entry.blanks:
        if NAMES_PEOPLE.search(blank.placeholder) or NAMES_PLACES.search(blank.placeholder):
            inputs[blank.name] = AS_ON_LICENCE
    return catalogue.fill(entry, inputs)


def _additional_conditions(person: Person) -> tuple[str, ...]:
    document = riskplan_facts.document(person)
    if document is None:
        return ()
    order = catalogue.catalogue().order
    rows = sorted(
        LicenceCondition.objects.filter(document=document), key=lambda c: (order(c.code), c.pk)
    )
    return tuple(text for row in rows if (text := _condition_text(row)))


def person_copy(person: Person) -> PersonCopy:
    """The person's own plan, for a person already loaded through the access policy by a
    user who may see the plan."""
    plan = resettlement.plan_for(person)
    checklist = release.day_of_release_for(person)
    ends = licence_end(person)
    com_name = person.com.full_name if person.com else ""
    return PersonCopy(
        name=_name(person),
        produced_on=clock.today(),
        release_date=person.release_date,
        released_on=left.released_on if (left := release.release(person)) else None,
        licence_ends=ends.on if ends else None,
        prison_offender_manager=person.pom.full_name if person.pom else "",
        community_offender_manager=com_name,
        agreement=_agreement(plan),
        goals=_goals(plan),
        first_appointment_who=_appointment_who(checklist.appointment_who, com_name)
        if checklist
        else "",
        first_appointment_when=checklist.appointment_when if checklist else "",
        needs=tuple(
            CopyNeed(
                NEED_WORDS.get(need.key, need.label),
                NEED_STATUS.get(need.status, need.status),
                need.in_place,
            )
            for need in (checklist.needs if checklist else [])
        ),
        id_documents=tuple(checklist.id_documents) if checklist else (),
        standard_conditions=riskplan.licence_for(person).standard,
        additional_conditions=_additional_conditions(person),
    )


@dataclass(frozen=True)
class LicenceDocument:
    """The licence conditions as the person will see them on their licence: the standard
    conditions and the additional ones filled in, with the licence's dates."""

    name: str
    date_of_birth: date
    crn: str
    prison_number: str
    produced_on: date
    release_date: date | None
    licence_starts: date | None
    licence_ends: date | None
    top_up_ends: date | None
    supervising_officer: str
    first_appointment_who: str
    first_appointment_when: str
    standard_conditions: tuple[str, ...]
    additional_conditions: tuple[str, ...]


def licence_document(person: Person) -> LicenceDocument:
    """For a person already loaded through the access policy by a user who may see the plan."""
    licence = riskplan.licence_for(person)
    checklist = release.day_of_release_for(person)
    ends = licence_end(person)
    current = list(person.sentences.filter(is_current=True))
    starts = max((s.lsd for s in current if s.lsd), default=None) or person.release_date
    top_up = max((s.tused for s in current if s.tused), default=None)
    com_name = person.com.full_name if person.com else ""
    return LicenceDocument(
        name=person.full_name,
        date_of_birth=person.date_of_birth,
        crn=person.crn,
        prison_number=person.prison_number or "",
        produced_on=clock.today(),
        release_date=person.release_date,
        licence_starts=starts,
        licence_ends=ends.on if ends else None,
        top_up_ends=top_up,
        supervising_officer=com_name,
        first_appointment_who=_appointment_who(checklist.appointment_who, com_name)
        if checklist
        else "",
        first_appointment_when=checklist.appointment_when if checklist else "",
        standard_conditions=licence.standard,
        additional_conditions=tuple(c.text for c in licence.additional),
    )
