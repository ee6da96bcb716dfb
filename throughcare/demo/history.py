"""The Northbridge team's history (issue 16): about 360 people released over the past 36 months
(relative to today), so that the team's outcome charts, equality and fairness pages have
figures to show. Made up, from a fixed seed, so the same whenever it is loaded:

- protected characteristics varied so that some groups have 30 or more people (men, White
  British, no religion, Christian, not disabled, disabled) and some are small (women, several
  ethnic groups, several religions);
- an assessment for each, started by their community offender manager before release through
  the assessment services, its headline (the OGRS3 two-year score and band, the risk of
  serious harm level and the practitioner's judgement) written to the `Assessment` row as an
  audited bulk update (`audit.bulk.audited_update`), as a completed assessment would leave it;
- the release and the outcomes after it, written as the demo writes its people (one insert a
  table, its collection audited for each row): about 4 in 10 in settled accommodation on the
  night of release (of those where it is known), about 1 in 10 in work at six weeks, about 3
  in 10 recalled within a year (4 in 10 of those within 28 days), and a new proven offence
  drawn from the OGRS3 score itself, so the score discriminates about as well as it does
  nationally (an AUC near 0.7).

Nothing here touches the demo's named people (`demo.stages`): they are not in this history.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from faker import Faker

from throughcare.access.models import User
from throughcare.assessment import services as assessment_services
from throughcare.assessment.instruments.ogrs3.case import band as ogrs3_band
from throughcare.assessment.models import Assessment
from throughcare.audit import services as audit
from throughcare.audit.bulk import audited_update
from throughcare.audit.models import Operation, RecordType
from throughcare.core import clock
from throughcare.people import rules
from throughcare.people.models import Person
from throughcare.planning.release.models import Outcome, Release
from throughcare.rules.times import LONDON

from . import builder

SEED = 1600
PEOPLE = 360
MONTHS = 36
POM = "pom.northbridge@throughcare.example"
COMS = ("com.northbridge@throughcare.example", "com2.northbridge@throughcare.example")
REASON = "Demonstration data"

# (value, weight): the shares of the history's people.
SEX = (("male", 88), ("female", 12))
ETHNICITY = (
    ("W1", 58),
    ("B2", 15),
    ("A4", 7),
    ("M3", 4),
    ("W5", 5),
    ("B1", 4),
    ("W3", 2),
    ("O2", 2),
    ("NS", 2),
    ("", 1),
)
RELIGION = (
    ("none", 40),
    ("christian", 30),
    ("muslim", 14),
    ("sikh", 2),
    ("hindu", 2),
    ("buddhist", 1),
    ("other", 3),
    ("not_said", 5),
    ("", 3),
)
DISABILITY = (("no", 65), ("yes", 22), ("not_said", 8), ("", 5))
SLEPT = (("settled", 35), ("temporary", 39), ("rough sleeping", 13), ("not known", 13))
IN_WORK = (("yes", 11), ("no", 80), ("not known", 9))
ROSH = (("low", 30), ("medium", 50), ("high", 17), ("very high", 3))
RANK = {"low": 1, "medium": 2, "high": 3, "very high": 4}
BANDS = ("Low", "Medium", "High", "Very high")


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _moment(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON) + timedelta(
        minutes=minute % 300
    )


def _people(rng: random.Random, pom: User, coms: list[User], today: date) -> list[Person]:
    """The history's people, stored, released on the day each is given (`release_date`)."""
    fake = Faker("en_GB")
    fake.seed_instance(SEED)
    batch = builder.Batch([], [], [], [])
    for index in range(PEOPLE):
        com = coms[index % len(coms)]
        person, sentence, offence = builder.draw_person(rng, fake, today=today, pom=pom, com=com)
        released = today - timedelta(days=rng.randrange(1, MONTHS * 365 // 12))
        months = rng.choice([12, 18, 24, 36, 48])
        sentenced = released - timedelta(days=months * 15)
        person.sex = _pick(rng, SEX)
        if person.sex == "female":
            person.given_name = fake.first_name_female()
        person.ethnicity = _pick(rng, ETHNICITY)
        person.religion = _pick(rng, RELIGION)
        person.disability = _pick(rng, DISABILITY)
        person.prison = None  # released
        expiry = sentenced + timedelta(days=months * 30)
        dates = {"crd": released, "sed": expiry, "hdced": None, "led": expiry}
        shown = rules.release_date(dates)
        person.release_date = released
        person.release_date_source = shown.source if shown else ""
        person.eligibility_date = None
        sentence.sentence_date = sentenced
        sentence.length_years, sentence.length_months = months // 12, months % 12
        for name, value in dates.items():
            setattr(sentence, name, value)
        offence.conviction_date = sentenced - timedelta(days=rng.randrange(0, 60))
        batch.people.append(person)
        batch.sentences.append(sentence)
        batch.offences.append(offence)
    builder.store(batch, actor=None)
    return batch.people


def _score(rng: random.Random) -> float:
    return round(min(max(rng.betavariate(2.0, 2.3), 0.03), 0.97), 3)


def _assess(rng: random.Random, person: Person, com: User, minute: int) -> float:
    """Started by their COM five weeks before release; the headline a completed assessment
    leaves on the `Assessment` row, audited. Returns the OGRS3 two-year score."""
    assert person.release_date is not None  # noqa: S101 - set above
    with clock.fixed_at(_moment(person.release_date - timedelta(days=35), minute)):
        assessment_services.start(com, person)
        score = _score(rng)
        band = ogrs3_band(score)
        judged = band
        departs = rng.random() < 0.1
        if departs:
            step = 1 if band in ("Low", "Medium") else -1
            judged = BANDS[BANDS.index(band) + step]
        rosh = _pick(rng, ROSH)
        audited_update(
            Assessment.objects.filter(person=person),
            user=com,
            record_type=RecordType.ASSESSMENT,
            ogrs3_two_year=score,
            ogrs3_band=band,
            judged_likelihood=judged,
            departs=departs,
            rosh_level=rosh,
            rosh_rank=RANK[rosh],
        )
    return score


def _release_and_outcome(
    rng: random.Random, person: Person, com: User, score: float, today: date
) -> tuple[Release, Outcome]:
    released = person.release_date
    assert released is not None  # noqa: S101 - set above
    release = Release(
        person=person,
        released_on=released,
        slept=_pick(rng, SLEPT),
        appointment_kept="yes" if rng.random() < 0.86 else "no",
        created_by=com,
        updated_by=com,
    )
    recalled_on = None
    if rng.random() < 0.3:
        days = rng.randrange(2, 28) if rng.random() < 0.4 else rng.randrange(28, 365)
        recalled_on = released + timedelta(days=days)
    reoffence_on = None
    if rng.random() < score:  # the score is the chance of a proven offence within two years
        reoffence_on = released + timedelta(days=int(729 * rng.random() ** 1.4) + 1)
    outcome = Outcome(
        person=person,
        in_work_at_six_weeks=(
            _pick(rng, IN_WORK) if released + timedelta(weeks=6) <= today else ""
        ),
        recalled_on=recalled_on if recalled_on and recalled_on <= today else None,
        reoffence_on=reoffence_on if reoffence_on and reoffence_on <= today else None,
        created_by=com,
        updated_by=com,
    )
    return release, outcome


def add_history() -> int:
    """The history, once the demo's users exist; the number of people added."""
    users = {u.email: u for u in User.objects.filter(email__in=[POM, *COMS])}
    if len(users) < 1 + len(COMS):
        return 0
    today = clock.today()
    rng = random.Random(SEED)  # noqa: S311 - made-up people, not a secret
    pom, coms = users[POM], [users[email] for email in COMS]
    people = _people(rng, pom, coms, today)
    releases, outcomes = [], []
    for minute, person in enumerate(people):
        com = coms[minute % len(coms)]  # as `_people` allocated them
        score = _assess(rng, person, com, minute)
        release, outcome = _release_and_outcome(rng, person, com, score, today)
        releases.append(release)
        outcomes.append(outcome)
    with transaction.atomic():
        Release.objects.bulk_create(releases, batch_size=500)
        Outcome.objects.bulk_create(outcomes, batch_size=500)
        for com in coms:
            for model, rows in (
                (RecordType.RELEASE, releases),
                (RecordType.RELEASE_OUTCOME, outcomes),
            ):
                audit.record_many(
                    user=com,
                    operation=Operation.COLLECTION,
                    record_type=model,
                    records=[
                        (row.person_id, row.pk) for row in rows if row.created_by_id == com.pk
                    ],
                    reason=REASON,
                )
    return len(people)
