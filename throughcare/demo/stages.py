"""The demo's people at each stage of the plan (issue 12), all held by
pom.northbridge@throughcare.example and com.northbridge@throughcare.example, so that a walk as
either shows them:

- planning: Daniel Mercer (N600101), releasing in six weeks: a locked assessment, supported
  housing chosen, a victim, a resettlement plan and a risk management plan in draft (with two
  additional licence conditions), shared with Safe Harbour Housing; NOT ready: victim liaison
  has not been consulted;
- planning, from scratch: Kieran Walsh (N600102), releasing in about six weeks: a locked
  assessment, a victim and supported housing chosen, and nothing of the plan yet (where the
  browser journey builds one);
- ready: Liam Chapman (N600103), releasing in ten days, high risk: both plans countersigned by
  the SPO, the day-of-release checklist complete, marked ready;
- handed over: Owen Fletcher (N600104), releasing in eight days: as ready, and the handover
  accepted by the COM, who now owns the plans;
- released: Jason Pryce (N600105), released three weeks ago: where he slept, the first
  appointment kept, a lapse, progress on his steps, a review done and the next one scheduled;
- checklist gaps: Ryan Hale (N600106), releasing in twelve days: plans locked but ID, a bank
  account and the first appointment still missing (the caseload's "Day of release not ready").

Each is a history: every block runs with the clock set to the day it happened, relative to
today, so the demo stays true whenever it is loaded."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from faker import Faker

from throughcare.access import services as access_services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, User
from throughcare.core import clock
from throughcare.people import rules
from throughcare.people.choices import Sex
from throughcare.people.models import Person
from throughcare.planning.models import Option
from throughcare.planning.resettlement.models import Step
from throughcare.rules.times import LONDON

from . import builder, riskplans
from . import plans as plan
from .plans import Cast

POM = "pom.northbridge@throughcare.example"
COM = "com.northbridge@throughcare.example"
SPO = "spo.northbridge@throughcare.example"

PLANNING, FROM_SCRATCH, READY, HANDED_OVER, RELEASED, GAPS = (
    "planning",
    "planning from scratch",
    "ready",
    "handed over",
    "released",
    "checklist gaps",
)


@dataclass(frozen=True)
class Who:
    key: str
    given: str
    family: str
    crn: str
    release_in: int  # days from today
    offence: str


WHO = [
    Who(PLANNING, "Daniel", "Mercer", "N600101", 42, "Assault occasioning actual bodily harm"),
    Who(FROM_SCRATCH, "Kieran", "Walsh", "N600102", 44, "Assault occasioning actual bodily harm"),
    Who(READY, "Liam", "Chapman", "N600103", 10, "Assault occasioning actual bodily harm"),
    Who(HANDED_OVER, "Owen", "Fletcher", "N600104", 8, "Affray"),
    Who(RELEASED, "Jason", "Pryce", "N600105", -21, "Assault occasioning actual bodily harm"),
    Who(GAPS, "Ryan", "Hale", "N600106", 12, "Criminal damage"),
]
CATEGORY = dict(builder.OFFENCES)


def _people(pom: User, com: User) -> dict[str, Person]:
    """The stage people in custody, held by the Northbridge POM and COM: a standard
    determinate sentence of two years, released at the half-way point."""
    today = clock.today()
    rng = random.Random(600100)  # noqa: S311 - made-up people, not a secret
    fake = Faker("en_GB")
    fake.seed_instance(600100)
    batch = builder.Batch([], [], [], [])
    for who in WHO:
        person, sentence, offence = builder.draw_person(rng, fake, today=today, pom=pom, com=com)
        crd = today + timedelta(days=who.release_in)
        sentenced = crd - timedelta(days=365)
        dates = {"crd": crd, "sed": sentenced + timedelta(days=730), "hdced": None}
        dates["led"] = dates["sed"]
        shown = rules.release_date(dates)
        person.given_name, person.family_name, person.crn = who.given, who.family, who.crn
        person.sex = Sex.MALE
        person.release_date = shown.value if shown else crd
        person.release_date_source = shown.source if shown else ""
        person.eligibility_date = None
        person.date_of_birth = today - timedelta(days=365 * 29 + 40 * len(batch.people))
        sentence.sentence_date = sentenced
        sentence.length_years, sentence.length_months = 2, 0
        for name, value in dates.items():
            setattr(sentence, name, value)
        offence.description, offence.ogrs3_category = who.offence, CATEGORY[who.offence]
        offence.conviction_date = sentenced - timedelta(days=21)
        batch.people.append(person)
        batch.sentences.append(sentence)
        batch.offences.append(offence)
    builder.store(batch, actor=None)
    return {who.key: person for who, person in zip(WHO, batch.people, strict=True)}


def _moment(days: int, minute: int) -> datetime:
    day = clock.today() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON) + timedelta(minutes=minute)


Story = list[tuple[int, Callable[[Cast], object]]]  # (days from today, what happened)


def _home(cast: Cast) -> Option:
    return Option.objects.get(person=cast.person, status=Option.Status.CHOSEN)


def _share_with_housing(cast: Cast) -> None:
    """The COM shares the plan with Safe Harbour Housing: their step on it is theirs to see."""
    access_services.share_with_partner(
        by=cast.com,
        person=cast.person,
        share=ShareRequest(
            organisation=Organisation.objects.get(name=plan.HOUSING),
            purpose="Supported housing from the day of release: their part of the plan",
            sections=("identity", "plan"),
            start_date=clock.today(),
            end_date=cast.release + timedelta(weeks=12),
        ),
    )


def _assessed(release: int, *, level: str, victim: bool) -> Story:
    """The assessment, the victim (if any) and supported housing chosen."""
    story: Story = [(release - 50, lambda c: plan.assess(c, level))]
    if victim:
        story.append((release - 50, plan.add_victim))
    return [*story, (release - 46, plan.choose_home)]


def _built(release: int, *, level: str, victim: bool, submit: bool) -> Story:
    """From the assessment to the plans (submitted, or left in draft): `release` days from
    today; each block some days before it. Victim liaison is consulted before submitting."""
    story: Story = [
        *_assessed(release, level=level, victim=victim),
        (release - 44, lambda c: plan.resettlement_plan(c, _home(c))),
        (release - 44, plan.agree_plan),
        (release - 43, lambda c: riskplans.risk_plan(c, victim=victim)),
    ]
    if victim and submit:
        story.append((release - 45, plan.consult_victim_liaison))
    if submit:
        story += [
            (release - 42, plan.submit_resettlement_plan),
            (release - 42, riskplans.submit_risk_plan),
        ]
    return story


def _ready(release: int) -> Story:
    """The steps due before release done as they fell due; the checklist; marked ready."""
    return [
        (release - 15, lambda c: plan.steps_done(c, due_by=-14)),
        (release - 14, plan.checklist),
        (release - 13, plan.mark_ready),
        (release - 2, lambda c: plan.steps_done(c, due_by=-1, leave=("Book the Universal",))),
    ]


def _handed_over(release: int) -> Story:
    return [(release - 12, plan.hand_over), (release - 11, plan.accept_handover)]


def _step(cast: Cast, text: str) -> Step:
    return Step.objects.get(person=cast.person, description__startswith=text)


def _released(release: int) -> Story:

    return [
        (release, plan.record_release),
        (release, lambda c: plan.schedule_review(c, clock.today() + timedelta(days=14))),
        (
            release + 2,
            lambda c: plan.progress(
                c,
                _step(c, "Book the Universal Credit"),
                "Went to the Jobcentre the day after release; the first payment is due in "
                "five weeks and an advance was agreed.",
                "completed",
            ),
        ),
        (
            release + 6,
            lambda c: plan.progress(
                c,
                _step(c, "Help him get a CSCS card"),
                "Next Step booked the CSCS test for next month; he has started the revision.",
                "in progress",
            ),
        ),
        (release + 5, lambda c: plan.steps_done(c, due_by=7)),
        (release + 9, plan.lapse),
        (release + 14, lambda c: plan.complete_review(c, clock.today() + timedelta(days=28))),
    ]


GAPS_STEPS = ("Apply for his birth certificate", "Open a basic bank account")


def _no_id_yet(cast: Cast) -> None:
    """Ryan Hale's ID and bank account: held up, which is what the checklist shows."""
    certificate, bank = (_step(cast, opening) for opening in GAPS_STEPS)
    plan.progress(
        cast,
        certificate,
        "The register office needs his mother's maiden name to find the entry; asked his "
        "sister, who is looking for it.",
        "cannot be done yet",
        by=cast.pom,
    )
    plan.progress(
        cast,
        bank,
        "The bank scheme needs his birth certificate first.",
        "cannot be done yet",
        by=cast.pom,
    )


def add_stages() -> dict[str, Person]:
    """The six stage people and their histories (once the demo's users exist); by stage."""
    users = {u.email: u for u in User.objects.filter(email__in=[POM, COM, SPO])}
    if len(users) < 3:
        return {}
    pom, com, spo = users[POM], users[COM], users[SPO]
    people = _people(pom, com)
    stories: dict[str, Story] = {
        PLANNING: [
            *_built(42, level="medium", victim=True, submit=False),
            (0, _share_with_housing),
        ],
        FROM_SCRATCH: _assessed(44, level="medium", victim=True),
        READY: [*_built(10, level="high", victim=True, submit=True), *_ready(10)],
        HANDED_OVER: [
            *_built(8, level="medium", victim=False, submit=True),
            *_ready(8),
            *_handed_over(8),
        ],
        RELEASED: [
            *_built(-21, level="medium", victim=True, submit=True),
            *_ready(-21),
            *_handed_over(-21),
            *_released(-21),
        ],
        GAPS: [
            *_built(12, level="low", victim=False, submit=True),
            (-3, lambda c: plan.steps_done(c, due_by=-14, leave=GAPS_STEPS)),
            (-3, _no_id_yet),
            (-2, lambda c: plan.checklist(c, missing=("id", "bank"), appointment=False)),
        ],
    }
    for key, story in stories.items():
        cast = Cast(people[key], pom, com, spo)
        for minute, (days, happened) in enumerate(sorted(story, key=lambda s: s[0])):
            if days >= 0:
                happened(cast)  # today, as it happens
            else:
                with clock.fixed_at(_moment(days, minute)):
                    happened(cast)
    return people
