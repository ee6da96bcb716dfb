"""A seeded cohort of released people with known outcomes, in the test database."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from throughcare.access.models import Role, User
from throughcare.assessment.models import Assessment
from throughcare.people.models import Person
from throughcare.planning.release.models import Outcome, Release
from throughcare.records.models import Document

# Released early in 2024: on the suite's fixed day (24 November 2026) two years and the courts'
# six months have passed, so whether each person reoffended within two years is known.
RELEASED = date(2024, 1, 15)


@dataclass(frozen=True)
class Seeded:
    """One seeded person, as the test knows them (independently of the service's reading)."""

    person: Person
    sex: str
    ethnicity: str
    score: float | None
    reoffended: bool | None


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


@pytest.fixture
def seed(make_person: Callable[..., Person]) -> Callable[..., list[Seeded]]:
    """`seed(count, sex=..., ethnicity=..., rng=...)`: released people with an OGRS3 two-year
    score (kept clear of the Medium band's boundary, 49.5-50.5%) and a proven reoffence within
    two years or not, drawn with the score's own probability."""

    def make(
        count: int,
        *,
        rng: random.Random,
        sex: str = "male",
        ethnicity: str = "",
        released: date = RELEASED,
        scored: bool = True,
        **extra: Any,
    ) -> list[Seeded]:
        made = []
        for _ in range(count):
            person = make_person(sex=sex, ethnicity=ethnicity, **extra)
            Release.objects.create(
                person=person, released_on=released, slept="settled", appointment_kept="yes"
            )
            score = None
            if scored:
                score = rng.uniform(0.05, 0.95)
                while 0.49 <= score <= 0.51:
                    score = rng.uniform(0.05, 0.95)
                Assessment.objects.create(
                    person=person,
                    document=Document.objects.create(person=person, kind=Assessment.KIND),
                    rosh_level=rng.choice(["low", "medium", "high"]),
                    ogrs3_band="Medium" if score >= 0.5 else "Low",
                    ogrs3_two_year=score,
                    judged_likelihood=rng.choice(["Low", "Medium"]),
                )
            # known once two years and the courts' six months have passed
            known = released + timedelta(days=913) <= date(2026, 11, 24)
            reoffended = rng.random() < (score if score is not None else 0.5) and known
            Outcome.objects.create(
                person=person,
                reoffence_on=released + timedelta(days=200) if reoffended else None,
            )
            made.append(Seeded(person, sex, ethnicity, score, reoffended if known else None))
        return made

    return make
