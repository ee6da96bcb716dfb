"""Demo and scale data: a small made-up probation service. No real people.

Deterministic for a given date: the same seed gives the same organisations, users and people;
release dates are set relative to the day it runs so that some always fall within 12 weeks.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from faker import Faker

from throughcare.access.models import Grade, Organisation, Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.casework.models import CaseNote
from throughcare.people import bulk, rules
from throughcare.people.choices import OGRS3_CATEGORIES, Ethnicity, SentenceType, Sex
from throughcare.people.models import Offence, Person, Sentence

# Shown by `manage.py demo_accounts`; these accounts exist only in demo databases.
DEMO_PASSWORD = "resettle-demo-2026"  # noqa: S105 - a published demo password
DEMO_MARKER_ORGANISATION = "HMP Northbridge"

ORGANISATIONS = [
    ("HMP Northbridge", Organisation.Kind.PRISON, "NBI"),
    ("HMP Eastmoor", Organisation.Kind.PRISON, "EMI"),
    ("Northbridge probation team", Organisation.Kind.PROBATION_TEAM, "NBPT"),
    ("Eastmoor probation team", Organisation.Kind.PROBATION_TEAM, "EMPT"),
    ("Safe Harbour Housing", Organisation.Kind.PARTNER, "SHH"),
    ("Next Step Employment", Organisation.Kind.PARTNER, "NSE"),
    ("Clear Path Drug and Alcohol Service", Organisation.Kind.PARTNER, "CPD"),
]

# (email, role, organisation name)
USERS = [
    ("pom.northbridge@throughcare.example", Role.POM, "HMP Northbridge"),
    ("pom.eastmoor@throughcare.example", Role.POM, "HMP Eastmoor"),
    ("com.northbridge@throughcare.example", Role.COM, "Northbridge probation team"),
    ("com2.northbridge@throughcare.example", Role.COM, "Northbridge probation team"),
    ("com.eastmoor@throughcare.example", Role.COM, "Eastmoor probation team"),
    ("spo.northbridge@throughcare.example", Role.SPO, "Northbridge probation team"),
    ("spo.eastmoor@throughcare.example", Role.SPO, "Eastmoor probation team"),
    ("housing@throughcare.example", Role.PARTNER, "Safe Harbour Housing"),
    ("employment@throughcare.example", Role.PARTNER, "Next Step Employment"),
    ("admin@throughcare.example", Role.ADMIN, None),
    # Prison staff who answer information requests to their function (demo/requests.py).
    ("keyworker.northbridge@throughcare.example", Role.POM, "HMP Northbridge"),
    ("healthcare.northbridge@throughcare.example", Role.POM, "HMP Northbridge"),
    # ...and prison staff with a specialist role, asked for advice (demo/concerns.py).
    ("psychology.northbridge@throughcare.example", Role.POM, "HMP Northbridge"),
]
# Grades decide when an assessment needs countersigning (practice.md): com2 is a probation
# services officer, so their medium risk assessments go to the SPO too.
GRADES = {
    "com.northbridge@throughcare.example": Grade.PO,
    "com2.northbridge@throughcare.example": Grade.PSO,
    "com.eastmoor@throughcare.example": Grade.PO,
    "pom.northbridge@throughcare.example": Grade.PO,
    "pom.eastmoor@throughcare.example": Grade.PO,
}

OFFENCES = [
    ("Assault occasioning actual bodily harm", "Violence"),
    ("Robbery", "Robbery"),
    ("Burglary of a dwelling", "Burglary (domestic)"),
    ("Burglary of a commercial premises", "Burglary (other)"),
    ("Theft from a shop", "Theft (non-motor)"),
    ("Possession of a controlled drug with intent to supply", "Drug possession/supply"),
    ("Driving with excess alcohol", "Drink driving"),
    ("Criminal damage", "Criminal damage"),
    ("Fraud by false representation", "Fraud and forgery"),
    ("Affray", "Public order"),
    ("Handling stolen goods", "Handling stolen goods"),
    ("Breach of a court order", "Other offence"),
]
assert all(category in OGRS3_CATEGORIES for _, category in OFFENCES)  # noqa: S101

NOTE_TEXTS = [
    (
        CaseNote.Type.CONTACT,
        "Met in the visits hall. Talked through the plan for release and "
        "who will see the information we record. Agreed to think about housing options.",
    ),
    (
        CaseNote.Type.COLLEAGUE,
        "Wing officer reports settled behaviour and regular work in the "
        "kitchens. No adjudications this quarter.",
    ),
    (
        CaseNote.Type.PARTNER,
        "Housing adviser has a referral in progress; needs ID documents "
        "before an offer can be made.",
    ),
    (
        CaseNote.Type.OBSERVATION,
        "Completed the thinking skills programme; tutor report is positive about engagement.",
    ),
    (
        CaseNote.Type.CONTACT,
        "Telephone contact. Worried about money on release; benefit claim "
        "to be started two weeks before release.",
    ),
]


ETHNICITIES = [value for value, _ in Ethnicity.choices]


@dataclass(frozen=True)
class Service:
    organisations: dict[str, Organisation]
    poms: list[User]
    coms: list[User]


def ensure_service() -> tuple[Service, bool]:
    """Creates the demo organisations and users, once. Returns the service and whether it
    was created now."""
    created = not Organisation.objects.filter(name=DEMO_MARKER_ORGANISATION).exists()
    fake = Faker("en_GB")
    fake.seed_instance(2026)
    organisations = {}
    for name, kind, code in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "code": code}
        )
    from .requests import FUNCTIONS

    for email, role, organisation in USERS:
        if not User.objects.filter(email=email).exists():
            User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=fake.name(),
                role=role,
                organisation=organisations[organisation] if organisation else None,
                functions=FUNCTIONS.get(email, []),
                grade=GRADES.get(email, ""),
            )
    users = list(User.objects.filter(email__in=[u[0] for u in USERS]).order_by("email"))
    # Staff with a function answer requests; they hold no caseload.
    poms = [u for u in users if u.role == Role.POM and not u.functions]
    coms = [u for u in users if u.role == Role.COM]
    return Service(organisations, poms, coms), created


def _crn(rng: random.Random) -> str:
    return rng.choice("ABCDEFGHJKLMNPRSTUVWXY") + f"{rng.randrange(1_000_000):06d}"


def _prison_number(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    first, second, third = (rng.choice(letters) for _ in range(3))
    return f"{first}{rng.randrange(10_000):04d}{second}{third}"


@dataclass
class Batch:
    people: list[Person]
    sentences: list[Sentence]
    offences: list[Offence]
    notes: list[CaseNote]


def draw_person(
    rng: random.Random,
    fake: Faker,
    *,
    today: date,
    pom: User,
    com: User,
) -> tuple[Person, Sentence, Offence]:
    """One made-up person in custody with a standard determinate sentence and its main
    offence (not saved)."""
    sex = Sex.FEMALE if rng.random() < 0.1 else Sex.MALE
    given = fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()
    birth = today - timedelta(days=rng.randrange(19 * 365, 65 * 365))
    # Release from 2 weeks ago to 2 years ahead; about a quarter within 12 weeks.
    weeks_to_release = rng.choice([rng.randrange(-2, 12), *[rng.randrange(12, 104)] * 3])
    crd = today + timedelta(weeks=weeks_to_release, days=rng.randrange(7))
    length_months = rng.choice([6, 12, 18, 24, 36, 48, 60])
    sentence_date = crd - timedelta(days=length_months * 15 + rng.randrange(30))
    if sentence_date >= today:
        sentence_date = today - timedelta(days=rng.randrange(30, 200))
    sed = sentence_date + timedelta(days=length_months * 30)
    sed = max(sed, crd + timedelta(days=30))
    # The length the dates imply, in whole months (a standard determinate sentence is
    # served half in custody, so the length runs from sentence to expiry).
    length_months = max(1, round((sed - sentence_date).days / 30.44))
    hdced = crd - timedelta(weeks=rng.randrange(4, 20)) if rng.random() < 0.4 else None
    if hdced and hdced <= sentence_date:
        hdced = None
    dates = {"crd": crd, "sed": sed, "hdced": hdced, "led": sed}
    shown = rules.release_date(dates)
    eligibility = rules.eligibility_date(dates)
    person = Person(
        id=uuid.UUID(int=rng.getrandbits(128), version=4),
        given_name=given,
        family_name=fake.last_name(),
        date_of_birth=birth,
        sex=sex,
        ethnicity=rng.choice(ETHNICITIES),
        nationality="British" if rng.random() < 0.85 else fake.country(),
        first_language="English" if rng.random() < 0.9 else "Polish",
        crn=_crn(rng),
        prison_number=_prison_number(rng),
        prison=pom.organisation,
        pom=pom,
        com=com,
        release_date=shown.value if shown else None,
        release_date_source=shown.source if shown else "",
        eligibility_date=eligibility.value if eligibility else None,
    )
    sentence = Sentence(
        person=person,
        sentence_type=SentenceType.STANDARD_DETERMINATE,
        sentence_date=sentence_date,
        length_months=length_months % 12,
        length_years=length_months // 12,
        **dates,
    )
    description, category = rng.choice(OFFENCES)
    offence = Offence(
        person=person,
        sentence=sentence,
        description=description,
        ogrs3_category=category,
        conviction_date=sentence_date - timedelta(days=rng.randrange(0, 60)),
        is_main=True,
    )
    return person, sentence, offence


@dataclass(frozen=True)
class NoteDraft:
    """A case note to write: its type, text, date, and whether the POM wrote it (else the COM)."""

    note_type: str
    text: str
    occurred_on: date
    by_pom: bool


def draw_notes(rng: random.Random, index: int, count: int, *, today: date) -> list[NoteDraft]:
    """The index-th person's case notes, written in turn by their POM and their COM."""
    drafts = []
    for note_index in range(count):
        note_type, text = NOTE_TEXTS[(index + note_index) % len(NOTE_TEXTS)]
        occurred_on = today - timedelta(days=rng.randrange(1, 300))
        drafts.append(NoteDraft(note_type, text, occurred_on, note_index % 2 == 0))
    return drafts


def generate(
    service: Service,
    count: int,
    *,
    seed: int,
    today: date,
    notes_per_person: int,
) -> Iterator[Batch]:
    """Made-up people, in batches of up to 1,000, with sentences, offences and case notes,
    allocated to the service's POMs and COMs in turn."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    batch = Batch([], [], [], [])
    for index in range(count):
        pom = service.poms[index % len(service.poms)]
        com = service.coms[index % len(service.coms)]
        person, sentence, offence = draw_person(rng, fake, today=today, pom=pom, com=com)
        batch.people.append(person)
        batch.sentences.append(sentence)
        batch.offences.append(offence)
        for draft in draw_notes(rng, index, notes_per_person, today=today):
            batch.notes.append(
                CaseNote(
                    person=person,
                    note_type=draft.note_type,
                    occurred_on=draft.occurred_on,
                    text=draft.text,
                    author=pom if draft.by_pom else com,
                )
            )
        if len(batch.people) == 1000:
            yield batch
            batch = Batch([], [], [], [])
    if batch.people:
        yield batch


def store(batch: Batch, *, actor: User | None, notes_by_author: bool = False) -> None:
    """Writes a batch in one transaction, auditing the collection of each record (a case note's
    by its author when `notes_by_author`, as writing it would have been)."""
    with transaction.atomic():
        avoid_clashes(batch.people)
        bulk.store_new(batch.people, batch.sentences, user=actor, reason="Demonstration data")
        for offence in batch.offences:
            offence.sentence_id = offence.sentence.pk
        Offence.objects.bulk_create(batch.offences, batch_size=500)
        CaseNote.objects.bulk_create(batch.notes, batch_size=500)
        for record_type, records in (
            ("offence", [(o.person_id, o.pk) for o in batch.offences]),
            ("case note", [] if notes_by_author else [(n.person_id, n.pk) for n in batch.notes]),
        ):
            audit.record_many(
                user=actor,
                operation=Operation.COLLECTION,
                record_type=record_type,
                records=records,
                reason="Demonstration data",
            )
        if notes_by_author:
            by_author: dict[int, list[CaseNote]] = {}
            for note in batch.notes:
                by_author.setdefault(note.author_id, []).append(note)
            for notes in by_author.values():
                audit.record_many(
                    user=notes[0].author,
                    operation=Operation.COLLECTION,
                    record_type="case note",
                    records=[(n.person_id, n.pk) for n in notes],
                )


def avoid_clashes(people: list[Person]) -> None:
    """Generated CRNs and prison numbers are random; regenerate the few that clash."""
    rng = random.Random(people[0].pk.int if people else 0)
    for field, make in (("crn", _crn), ("prison_number", _prison_number)):
        taken = set(
            Person.objects.filter(
                **{f"{field}__in": [getattr(p, field) for p in people]}
            ).values_list(field, flat=True)
        )
        seen: set[str] = set()
        for person in people:
            value = getattr(person, field)
            while (
                value in taken
                or value in seen
                or (value != getattr(person, field) and _in_use(field, value))
            ):
                value = make(rng)
            seen.add(value)
            setattr(person, field, value)


def _in_use(field: str, value: str) -> bool:
    return Person.objects.filter(**{field: value}).exists()


# What the demo shares with its partner organisations, so that each partner worker has people
# on their landing page: (organisation, purpose, sections, how many people), taken from those
# releasing soonest, shared by their community offender manager through the access services.
DEMO_SHARING = [
    ("Safe Harbour Housing", "Housing referral for release", ["identity", "sentence"], 4),
    ("Next Step Employment", "Work and training after release", ["identity", "case_notes"], 3),
]


def share_with_partners(service: Service, *, today: date) -> int:
    """Shares the people releasing soonest with the demo's partners, as their COM would."""
    from throughcare.access import services as access_services
    from throughcare.access.commands import ShareRequest

    upcoming = list(
        Person.objects.filter(release_date__gte=today, com__isnull=False)
        .select_related("com")
        .order_by("release_date", "crn")[: sum(n for *_, n in DEMO_SHARING)]
    )
    shared = 0
    for name, purpose, sections, count in DEMO_SHARING:
        for person in upcoming[shared : shared + count]:
            assert person.com is not None  # noqa: S101 - filtered above, for the type checker
            ends = (person.release_date or today) + timedelta(weeks=12)
            access_services.share_with_partner(
                by=person.com,
                person=person,
                share=ShareRequest(
                    organisation=service.organisations[name],
                    purpose=purpose,
                    sections=tuple(sections),
                    start_date=today,
                    end_date=ends,
                ),
            )
        shared += count
    return shared


def add_interviews(service: Service) -> list[Person]:
    """Two interviews by the first demo community offender manager, with the people releasing
    soonest on their caseload: one complete, its summary agreed with one correction; one in
    progress, begun two days ago (throughcare.demo.interviews)."""
    from throughcare.access.policy import Access, Relation

    from . import interviews

    com = service.coms[0]
    people = list(Person.objects.filter(com=com).order_by("release_date", "crn")[:2])
    if len(people) == 2:
        done, begun = people
        interviews.agreed_with_correction(
            Access(com, done, Relation.ALLOCATED),
            "It is my brother who may have a room, not my sister.",
        )
        interviews.in_progress(com, begun)
    return people
