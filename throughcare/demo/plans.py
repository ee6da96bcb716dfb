"""The building blocks of the demo's plans (issue 12), each written through the services as the
officer whose job it is would write it: the assessment, where they will live, the victim and
victim liaison, the resettlement plan (the risk management plan and licence conditions are in
`riskplans`), the day-of-release checklist, readiness, the handover and the release, and running
the plan after release. `throughcare.demo.stages` puts them together, one person a stage.

Dates are given relative to the person's release date (`release`), and the callers run each
block with the clock set to the day it happened, so the record reads as a history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from throughcare.access.models import Organisation, User
from throughcare.access.policy import Access, Relation
from throughcare.assessment import services as assessment_services
from throughcare.assessment.draft import AssessmentDraft
from throughcare.assessment.examples import answers, fill_all
from throughcare.casework.sources import Source, SourceKind
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewVictim
from throughcare.people.models import Person
from throughcare.planning import ownership
from throughcare.planning import services as options
from throughcare.planning.models import Option
from throughcare.planning.release import services as release_services
from throughcare.planning.release.models import NEEDS
from throughcare.planning.resettlement import services as resettlement
from throughcare.planning.resettlement.models import Goal, Owner, Step
from throughcare.planning.resettlement.snapshot import AGREEMENT, Agreement
from throughcare.planning.running import services as running
from throughcare.planning.running.models import Review
from throughcare.records import services as records
from throughcare.records.lifecycle import State

HOUSING = "Safe Harbour Housing"
EMPLOYMENT = "Next Step Employment"
VICTIM_POSTCODE = "NB2 7RT"


@dataclass(frozen=True)
class Cast:
    """Who writes what about one person."""

    person: Person
    pom: User
    com: User
    spo: User

    @property
    def release(self) -> date:
        assert self.person.release_date is not None  # noqa: S101 - stage people have one
        return self.person.release_date


def partner(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


# The assessment, where they will live, the victim ---------------------------------------------


def assess(cast: Cast, level: str) -> None:
    """A locked assessment by the COM at this risk of serious harm (the SPO countersigns it at
    high)."""
    person, com = cast.person, cast.com
    version = assessment_services.start(com, person)
    fill_all(
        com,
        AssessmentDraft(Access(com, person, Relation.ALLOCATED), version),
        answers(level, person=person),
    )
    assessment_services.submit(com, version)
    version.refresh_from_db()
    if version.state == State.SUBMITTED:
        records.countersign(cast.spo, version)


def choose_home(cast: Cast) -> Option:
    """Safe Harbour's supported housing, added and chosen by the COM."""
    com = cast.com
    option = options.add_option(
        user=com,
        person=cast.person,
        new=options.NewOption(
            kind="accommodation",
            title="Safe Harbour supported housing",
            accommodation_type="supported housing",
            provider=partner(HOUSING),
            address="Safe Harbour House, 2 Quay Street, Northbridge",
            postcode="NB4 2QS",
            household="Eight residents and 24-hour staff",
        ),
    )
    return options.choose(
        user=com,
        option=option,
        reasoning="Staffed day and night, away from the victim's area, with drug and alcohol "
        "support on site; a room is held from the day of release.",
    )


def add_victim(cast: Cast) -> None:
    people_services.add_victim(
        user=cast.com,
        person=cast.person,
        victim=NewVictim(
            name="Sam Whitfield",
            relationship="Former partner",
            safety_concerns="No contact; she has moved to the Hillside estate",
            postcode=VICTIM_POSTCODE,
            keep_clear="NB2\nHillside estate",
        ),
    )


def consult_victim_liaison(cast: Cast) -> None:
    options.add_consultation(
        user=cast.com,
        person=cast.person,
        summary="The victim asks for no contact and to be told of the release date; she has "
        "moved and asks that he is kept out of the Hillside estate.",
        source=Source(
            SourceKind.COLLEAGUE, clock.today(), name="Priya Shah", role="Victim liaison officer"
        ),
    )


# The resettlement plan ------------------------------------------------------------------------

# (pathway, area of need, goal, target (days from release), carries out the chosen home, steps:
# (what, who, partner organisation, due (days from release)))
GOALS: list[tuple[str, str, str, int, bool, list[tuple[str, str, str, int]]]] = [
    (
        "accommodation",
        "accommodation",
        "Move into supported housing on the day of release",
        0,
        True,
        [
            ("Hold a room at Safe Harbour House from the day of release", "partner", HOUSING, -7),
            ("Approve the address and tell the prison the room is confirmed", "com", "", -14),
        ],
    ),
    (
        "drugs_alcohol",
        "alcohol",
        "Stay sober after release",
        90,
        False,
        [
            ("Go to the recovery group on the wing every week until release", "person", "", -1),
            ("Refer him to Clear Path for alcohol treatment in the community", "pom", "", -21),
        ],
    ),
    (
        "education_work",
        "education",
        "Get back into labouring work",
        120,
        False,
        [
            ("Finish the construction skills course in the prison", "person", "", -7),
            ("Help him get a CSCS card and find site work", "partner", EMPLOYMENT, 60),
        ],
    ),
    (
        "finance_id",
        "finance",
        "Have ID, a bank account and money from the first day",
        0,
        False,
        [
            ("Apply for his birth certificate", "pom", "", -28),
            ("Open a basic bank account through the prison's bank scheme", "person", "", -14),
            ("Book the Universal Credit appointment for the day after release", "com", "", -1),
        ],
    ),
    (
        "health",
        "emotional",
        "Register with a GP near the hostel and keep taking his medication",
        28,
        False,
        [("Register him with the Quay Street surgery", "com", "", 7)],
    ),
]


def resettlement_plan(cast: Cast, home: Option | None) -> list[Step]:
    """The plan's goals across five pathways, with steps by the person, the POM, the COM and
    two partner organisations, written by the plan's owner (the POM); the person agrees."""
    pom, person = cast.pom, cast.person
    steps = []
    for pathway, area, title, target, carries, planned in GOALS:
        goal = resettlement.add_goal(
            user=pom,
            person=person,
            new=resettlement.NewGoal(
                pathway=pathway,
                area_of_need=area,
                title=title,
                status=Goal.Status.ACTIVE,
                target_date=cast.release + timedelta(days=target),
                option=home if carries else None,
            ),
        )
        for description, owner, organisation, due in planned:
            steps.append(
                resettlement.add_step(
                    user=pom,
                    goal=goal,
                    new=resettlement.NewStep(
                        description=description,
                        owner=owner,
                        organisation=partner(organisation) if owner == Owner.PARTNER else None,
                        due_date=cast.release + timedelta(days=due),
                    ),
                )
            )
    return steps


def agree_plan(cast: Cast) -> None:
    # The version the agreement goes into is found inside a transaction, as a page's is (it
    # locks the plan's document on PostgreSQL).
    with transaction.atomic():
        version = resettlement.editable_version(cast.pom, cast.person)
    resettlement.record_agreement(
        cast.pom,
        cast.person,
        agreement=Agreement.AGREED,
        words="I want the room at Safe Harbour and to get back to work. I know the drink is "
        "what gets me in trouble.",
        expected=int((version.sections.get(AGREEMENT) or {}).get("version", 0)),
    )


def submit_resettlement_plan(cast: Cast) -> None:
    version = resettlement.submit(cast.pom, cast.person)
    if version.state == State.SUBMITTED:
        records.countersign(cast.spo, version)


# The day of release, readiness, the handover and the release ----------------------------------

DETAILS = {
    "accommodation": "A room at Safe Harbour House from the day of release",
    "id": "Kept in his property at reception",
    "bank": "Basic account opened through the prison's bank scheme",
    "benefit": "Universal Credit claim started; appointment the day after release",
    "gp": "Registered with the Quay Street surgery; 7 days of medication",
    "travel": "Travel warrant to Northbridge",
    "licence": "Explained by the POM; he says he understands the conditions",
}


MISSING = {
    "id": "Birth certificate applied for; the register office needs his mother's maiden name",
    "bank": "The bank scheme needs his birth certificate first",
}


def checklist(cast: Cast, *, missing: tuple[str, ...] = (), appointment: bool = True) -> None:
    """The day-of-release checklist by the plan's owner: every need in place except those
    `missing`; the first appointment with the COM the next working day at 2pm."""
    data: dict[str, Any] = {}
    for key, _ in NEEDS:
        data[f"{key}_status"] = "not yet" if key in missing else "in place"
        data[f"{key}_details"] = MISSING.get(key, "") if key in missing else DETAILS[key]
    data["id_documents"] = [] if "id" in missing else ["birth certificate"]
    data.update(
        appointment_who="com" if appointment else "",
        appointment_name="",
        appointment_when="next working day" if appointment else "",
        appointment_on=None,
        appointment_time=None,
    )
    release_services.save_checklist(
        user=cast.pom, person=cast.person, data=data, expected_version=0
    )


def mark_ready(cast: Cast) -> None:
    release_services.mark_ready(user=cast.pom, person=cast.person)


def hand_over(cast: Cast) -> None:
    release_services.record_handover(
        user=cast.pom,
        person=cast.person,
        data={
            "handed_over_on": clock.today(),
            "resettlement_plan_shared": True,
            "risk_plan_shared": True,
            "licence_conditions_drafted": True,
            "checklist_reviewed": True,
            "accommodation_confirmed": True,
            "meeting_held": release_services.YES,
            "meeting_on": clock.today(),
            "meeting_not_held_because": "",
            "notes": "He is nervous about the first week; the key worker at Safe Harbour knows "
            "him from a previous stay.",
        },
    )


def accept_handover(cast: Cast) -> None:
    release_services.accept_handover(user=cast.com, person=cast.person)


def record_release(cast: Cast) -> None:
    release_services.record_release(
        user=cast.com,
        person=cast.person,
        data={
            "released_on": cast.release,
            "slept": "temporary",
            "slept_details": "His room at Safe Harbour House",
            "appointment_kept": "yes",
        },
    )


# Running the plan after release ---------------------------------------------------------------


def schedule_review(cast: Cast, due_on: date) -> None:
    running.schedule_review(
        user=cast.com, person=cast.person, due_on=due_on, reason=Review.Reason.SCHEDULED
    )


def complete_review(cast: Cast, next_on: date) -> None:
    review = Review.objects.get(person=cast.person, completed_on__isnull=True)
    running.complete_review(
        user=cast.com,
        review=review,
        data={
            "completed_on": clock.today(),
            "summary": "Settled at Safe Harbour; keeping appointments and going to the Clear "
            "Path group. One lapse, talked through and managed.",
            "changes": "Weekly testing at Safe Harbour added after the lapse.",
            "next_review_on": next_on,
        },
    )


def lapse(cast: Cast) -> None:
    running.record_setback(
        user=cast.com,
        person=cast.person,
        data={
            "occurred_on": clock.today() - timedelta(days=1),
            "kind": "lapse",
            "what_happened": "Came back to the hostel having had a drink after meeting old "
            "friends in town; calm, no incident.",
            "response": "Seen the next morning; talked through what led to it; Clear Path told "
            "and an extra session booked.",
        },
    )


# What was done on each step of GOALS, as the officer noted it: by the opening words of the step.
DONE = {
    "Hold a room": "Safe Harbour confirmed the room is held from the day of release.",
    "Approve the address": "Address approved; the prison's resettlement team told.",
    "Go to the recovery group": "He has been to every group since the plan was agreed; the "
    "facilitator says he talks openly about what led to his drinking.",
    "Refer him to Clear Path": "Referral accepted; the first appointment is in his first week out.",
    "Finish the construction skills course": "Course finished; the certificate is in his property.",
    "Apply for his birth certificate": "The certificate arrived and is kept in his property.",
    "Open a basic bank account": "Account opened through the prison's bank scheme; the card "
    "is in his property.",
    "Book the Universal Credit": "Booked for the day after release at Northbridge Jobcentre.",
    "Register him with the Quay Street surgery": "Registered; the surgery has the prison's "
    "medication record.",
}


def steps_done(cast: Cast, *, due_by: int, leave: tuple[str, ...] = ()) -> None:
    """Progress notes completing every step due by `due_by` days from release (but those
    whose opening words are in `leave`), by the plan's owner at the time."""
    owner = ownership.owner(cast.person)
    assert owner is not None  # noqa: S101 - stage people have both officers
    due = Step.objects.filter(
        person=cast.person, due_date__lte=cast.release + timedelta(days=due_by)
    ).exclude(status=Step.Status.COMPLETED)
    for step in due.order_by("due_date", "pk"):
        opening = next(o for o in DONE if step.description.startswith(o))
        if opening not in leave:
            resettlement.add_progress(
                user=owner, step=step, note=DONE[opening], status=Step.Status.COMPLETED
            )


def progress(cast: Cast, step: Step, note: str, status: str, by: User | None = None) -> None:
    """A progress note by `by` (the COM, after release, if not given)."""
    resettlement.add_progress(user=by or cast.com, step=step, note=note, status=status)
