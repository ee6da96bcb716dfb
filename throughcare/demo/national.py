# ruff: noqa: S311 - made-up data, seeded on purpose
"""Scale data in the national shape, for benchmarks: a few hundred probation teams and a
hundred or so prisons at 250,000 people, several thousand officers holding 30 to 60 cases each,
teams of a few hundred to about a thousand people under one senior probation officer each,
20 case notes a person, one person in eight known by another name too, and the audit events that
history implies.

Deterministic: the same seed and number of people give the same service. Idempotent: the
service is sized for the number asked for, officers and organisations already there are kept,
and only the people still missing are added (batch by batch, each batch from its own seed, so an
interrupted run resumes where it stopped and gives the same people).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from faker import Faker

from throughcare.access.models import Organisation, Role, User
from throughcare.audit import fast
from throughcare.audit.models import AuditEvent, Operation
from throughcare.casework.models import CaseNote
from throughcare.core import clock, rows
from throughcare.demo import builder
from throughcare.people import rules as people_rules
from throughcare.people.models import Alias, Offence, Person, Sentence

# The demo accounts' domain: with the development settings' demo switch they sign in with the
# demo password alone (bench/load.py); "scale." marks them apart from seed_demo's.
EMAIL_PREFIX = "scale."
EMAIL_DOMAIN = "throughcare.example"
TEAM_CODE = "SPT"  # probation teams SPT0001...
PRISON_CODE = "SPR"  # prisons SPR0001...
BATCH = 1_000
CASES = (30, 60)  # an officer's caseload, inclusive
# A team's COMs: most 12 to 24 (about 550 to 1,100 people), one in five 4 to 8 (a few hundred).
LARGE_TEAM = (12, 24)
SMALL_TEAM = (4, 8)
POMS_PER_PRISON = (20, 70)
ALIASED = 8  # one person in this many has another name (so that search meets other names)


@dataclass(frozen=True)
class National:
    """The service, and each person's (POM, COM) by the person's index."""

    service: builder.Service
    assignments: list[tuple[int, int]]  # (POM index, COM index) for each person
    poms: list[User]
    coms: list[User]

    def officers(self, index: int) -> tuple[User, User]:
        pom, com = self.assignments[index]
        return self.poms[pom], self.coms[com]


def caseloads(rng: random.Random, people: int) -> list[int]:
    """Caseloads of 30 to 60 adding up to `people` (the last officer's topped up to 30 by
    taking from the others when the draw leaves fewer)."""
    sizes: list[int] = []
    while sum(sizes) < people:
        sizes.append(rng.randint(*CASES))
    sizes[-1] -= sum(sizes) - people
    index = 0
    while sizes and sizes[-1] < CASES[0] and len(sizes) > 1:
        if sizes[index] > CASES[0]:
            sizes[index] -= 1
            sizes[-1] += 1
        index = (index + 1) % (len(sizes) - 1)
    return sizes


def groups(rng: random.Random, members: int, size: Callable[[], int]) -> list[int]:
    """Splits `members` officers into groups (teams, prisons) of the drawn sizes."""
    sizes: list[int] = []
    while sum(sizes) < members:
        sizes.append(size())
    sizes[-1] -= sum(sizes) - members
    return sizes


def _team_size(rng: random.Random) -> Callable[[], int]:
    return lambda: rng.randint(*(SMALL_TEAM if rng.random() < 0.2 else LARGE_TEAM))


def _organisations(kind: str, code: str, count: int) -> list[Organisation]:
    label = "probation team" if kind == Organisation.Kind.PROBATION_TEAM else "prison"
    wanted = {
        f"{code}{n:04d}": f"Scale {label} {n:04d}" if code == TEAM_CODE else f"HMP Scale {n:04d}"
        for n in range(1, count + 1)
    }
    have = set(Organisation.objects.filter(code__in=wanted).values_list("code", flat=True))
    Organisation.objects.bulk_create(
        [Organisation(name=name, kind=kind, code=c) for c, name in wanted.items() if c not in have]
    )
    by_code = {o.code: o for o in Organisation.objects.filter(code__in=wanted)}
    return [by_code[c] for c in wanted]


def _officers(role: str, organisations: list[Organisation], fake: Faker) -> list[User]:
    """One account per entry (an organisation for each officer), made once, in order."""
    emails = [
        f"{EMAIL_PREFIX}{role}.{n:05d}@{EMAIL_DOMAIN}" for n in range(1, len(organisations) + 1)
    ]
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    password = make_password(builder.DEMO_PASSWORD)  # one hash for all: seeding, not security
    names = [fake.name() for _ in emails]
    User.objects.bulk_create(
        [
            User(email=e, password=password, full_name=n, role=role, organisation=o)
            for e, n, o in zip(emails, names, organisations, strict=True)
            if e not in have
        ],
        batch_size=1_000,
    )
    by_email = {u.email: u for u in User.objects.filter(email__in=emails)}
    return [by_email[e] for e in emails]


def _each(organisations: list[Organisation], sizes: list[int]) -> list[Organisation]:
    """Each organisation repeated once for each of its officers."""
    return [o for o, n in zip(organisations, sizes, strict=True) for _ in range(n)]


def ensure_national(people: int, *, seed: int) -> National:
    """The organisations and officers for `people` people, created once."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    com_loads = caseloads(random.Random(rng.random()), people)
    pom_loads = caseloads(random.Random(rng.random()), people)
    team_rng = random.Random(rng.random())
    teams = groups(team_rng, len(com_loads), _team_size(team_rng))
    prison_rng = random.Random(rng.random())
    prisons = groups(prison_rng, len(pom_loads), lambda: prison_rng.randint(*POMS_PER_PRISON))
    with transaction.atomic():
        team_orgs = _organisations(Organisation.Kind.PROBATION_TEAM, TEAM_CODE, len(teams))
        prison_orgs = _organisations(Organisation.Kind.PRISON, PRISON_CODE, len(prisons))
        coms = _officers(Role.COM, _each(team_orgs, teams), fake)
        poms = _officers(Role.POM, _each(prison_orgs, prisons), fake)
        _officers(Role.SPO, team_orgs, fake)
    # People in custody are spread over the prisons independently of their probation teams.
    com_of = [c for c, load in enumerate(com_loads) for _ in range(load)]
    pom_of = [p for p, load in enumerate(pom_loads) for _ in range(load)]
    random.Random(rng.random()).shuffle(pom_of)
    service = builder.Service(
        organisations={o.name: o for o in team_orgs + prison_orgs}, poms=poms, coms=coms
    )
    return National(service, list(zip(pom_of, com_of, strict=True)), poms, coms)


def scale_people() -> int:
    """How many people the scale service already holds."""
    return Person.objects.filter(com__organisation__code__startswith=TEAM_CODE).count()


def build(
    people: int, *, seed: int, notes_per_person: int = 20
) -> Iterator[tuple[int, int, float]]:
    """Adds the people still missing, batch by batch; yields (stored, of, seconds so far)."""
    started = time.perf_counter()
    national = ensure_national(people, seed=seed)
    have = scale_people()
    today = clock.today()
    for start in range(have - have % BATCH, people, BATCH):
        count = min(BATCH, people - start)
        # The people of this batch already stored (by a run asked for fewer) are drawn again,
        # the same, and left out.
        drawn = _draw(national, start, count, seed=seed, today=today, notes=notes_per_person)
        _store(drawn[max(0, have - start) :])
        yield start + count, people, time.perf_counter() - started
    analyse()


def analyse() -> None:
    """Refreshes PostgreSQL's statistics of the tables written: without them, the planner
    takes the tables for as small as they were before (autovacuum comes round later, or never
    on a busy machine) and hashed the whole user table for a caseload of 30."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Organisation, User, Person, Alias, Sentence, Offence, CaseNote, AuditEvent):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@dataclass
class _Drawn:
    person: Person
    sentence: Sentence
    offence: Offence
    notes: list[builder.NoteDraft]
    pom: User
    com: User
    alias: Alias | None = None


def _draw(
    national: National, start: int, count: int, *, seed: int, today: date, notes: int
) -> list[_Drawn]:
    """The people start to start + count, each batch from its own seed."""
    rng = random.Random(seed * 1_000_003 + start)
    fake = Faker("en_GB")
    fake.seed_instance(seed * 1_000_003 + start)
    drawn = []
    for index in range(count):
        pom, com = national.officers(start + index)
        person, sentence, offence = builder.draw_person(rng, fake, today=today, pom=pom, com=com)
        drafts = builder.draw_notes(rng, index, notes, today=today)
        drawn.append(_Drawn(person, sentence, offence, drafts, pom, com))
    # Other names from their own generator, so the people drawn are those of a seed without them:
    # the person's first name with another person's last name, as a married or former name.
    others = random.Random(seed * 1_000_003 + start + 1)
    for d in drawn:
        if others.randrange(ALIASED) == 0:
            family_name = others.choice(drawn).person.family_name
            d.alias = Alias(
                person=d.person,
                given_name=d.person.given_name,
                family_name=family_name,
                name_key=people_rules.name_key(d.person.given_name, family_name),
            )
            d.person.other_names = people_rules.other_names([(d.person.given_name, family_name)])
    return drawn


def _store(drawn: list[_Drawn]) -> None:
    """Writes the people with their sentence, offence and notes in one transaction, with the
    collection of each audited (a note's by its author, as writing it would have been)."""
    if not drawn:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Made-up data that can be made again: no need to wait for the disk at commit.
                cursor.execute("SET LOCAL synchronous_commit = off")
        builder.avoid_clashes([d.person for d in drawn])
        rows.write(Person, [rows.values(d.person) for d in drawn])
        sentence_ids = rows.reserve_ids(Sentence, len(drawn))
        offence_ids = rows.reserve_ids(Offence, len(drawn))
        for d, sentence_id, offence_id in zip(drawn, sentence_ids, offence_ids, strict=True):
            d.sentence.pk = d.offence.sentence_id = sentence_id
            d.offence.pk = offence_id
        rows.write(Sentence, [rows.values(d.sentence) for d in drawn])
        rows.write(Offence, [rows.values(d.offence) for d in drawn])
        aliases = [d.alias for d in drawn if d.alias is not None]
        for alias, alias_id in zip(aliases, rows.reserve_ids(Alias, len(aliases)), strict=True):
            alias.pk = alias_id
        rows.write(Alias, [rows.values(alias) for alias in aliases])
        notes = _note_rows(drawn)
        rows.write(CaseNote, notes)
        audited: tuple[tuple[str, list[tuple[uuid.UUID, object]]], ...] = (
            ("person", [(d.person.pk, d.person.pk) for d in drawn]),
            ("sentence", [(d.person.pk, d.sentence.pk) for d in drawn]),
            ("offence", [(d.person.pk, d.offence.pk) for d in drawn]),
            ("alias", [(alias.person_id, alias.pk) for alias in aliases]),
        )
        for record_type, records in audited:
            fast.append(
                user=None,
                operation=Operation.COLLECTION,
                record_type=record_type,
                records=records,
                reason="Demonstration data",
            )
        by_author: dict[int, list[tuple[uuid.UUID, object]]] = {}
        authors = {}
        for note in notes:
            by_author.setdefault(note[_AUTHOR], []).append((note[_PERSON], note[_ID]))
        for d in drawn:
            authors[d.pom.pk], authors[d.com.pk] = d.pom, d.com
        for author_id, notes_of in by_author.items():
            fast.append(
                user=authors[author_id],
                operation=Operation.COLLECTION,
                record_type="case note",
                records=notes_of,
            )


_NOTE_COLUMNS = rows.columns(CaseNote)
_ID, _PERSON, _AUTHOR = (_NOTE_COLUMNS.index(c) for c in ("id", "person_id", "author_id"))
_TYPE, _ON, _TEXT = (_NOTE_COLUMNS.index(c) for c in ("note_type", "occurred_on", "text"))


def _note_rows(drawn: list[_Drawn]) -> list[list[Any]]:
    """Each person's case notes as rows: one note's values, with its own id, person, type,
    date, text and author."""
    prototype = rows.values(
        CaseNote(
            person=drawn[0].person, note_type="", occurred_on=date.min, text="", author=drawn[0].pom
        )
    )
    ids = iter(rows.reserve_ids(CaseNote, sum(len(d.notes) for d in drawn)))
    notes = []
    for d in drawn:
        for draft in d.notes:
            row = list(prototype)
            row[_ID], row[_PERSON] = next(ids), d.person.pk
            row[_TYPE], row[_ON], row[_TEXT] = draft.note_type, draft.occurred_on, draft.text
            row[_AUTHOR] = (d.pom if draft.by_pom else d.com).pk
            notes.append(row)
    return notes
