"""The released people behind a user's team figures (issue 16 points 2 to 5), read in a fixed
number of queries whatever their number, always through the access policy
(`policy.team_people`): each person's protected characteristics, their release and outcomes
(`insight.measures`), and their current assessment's levels and OGRS3 score.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from throughcare.access import policy
from throughcare.assessment.models import Assessment
from throughcare.people.models import Person

from . import measures

if TYPE_CHECKING:
    from throughcare.access.models import User

# The characteristics the figures are broken down by (issue 16 point 3): the key on `Member`,
# and its heading.
CHARACTERISTICS: tuple[tuple[str, str], ...] = (
    ("sex", "Sex"),
    ("ethnicity", "Ethnicity"),
    ("age_band", "Age at release"),
    ("disability", "Disability"),
    ("religion", "Religion or belief"),
)
NOT_RECORDED = "Not recorded"
ASSESSMENT_FIELDS = (
    "person_id",
    "rosh_level",
    "ogrs3_band",
    "ogrs3_two_year",
    "judged_likelihood",
    "departs",
)


@dataclass(frozen=True)
class Member:
    """One released person, as the figures need them: no name, no identifier but the id the
    access policy and the links use."""

    person_id: uuid.UUID
    released_on: date
    month: date
    sex: str
    ethnicity: str
    age_band: str
    disability: str
    religion: str
    outcomes: dict[str, bool | None]
    rosh_level: str = ""
    ogrs3_band: str = ""
    ogrs3_two_year: float | None = None
    judged_likelihood: str = ""
    departs: bool = False

    @property
    def characteristics(self) -> dict[str, str]:
        """Each characteristic the figures break down by (`CHARACTERISTICS`), by key."""
        return {key: getattr(self, key) for key, _ in CHARACTERISTICS}


def released_people(user: User) -> QuerySet[Person]:
    """The people of the user's team figures who have been released (a `Release` recorded)."""
    return policy.team_people(user).filter(release__isnull=False)


def _label(person: Person, name: str) -> str:
    value = getattr(person, name)
    if not value:
        return NOT_RECORDED
    return str(getattr(person, f"get_{name}_display")())


def members(user: User, today: date) -> list[Member]:
    """Every released person of the user's team figures, in two queries."""
    people = list(
        released_people(user)
        .select_related("release", "outcome")
        .only(
            "id",
            "date_of_birth",
            "sex",
            "ethnicity",
            "disability",
            "religion",
            "release__released_on",
            "release__slept",
            "release__appointment_kept",
            "outcome__in_work_at_six_weeks",
            "outcome__recalled_on",
            "outcome__reoffence_on",
        )
        .order_by("release__released_on", "id")
    )
    assessments = {
        assessment.person_id: assessment
        for assessment in Assessment.objects.filter(
            person_id__in=[person.pk for person in people]
        ).only(*ASSESSMENT_FIELDS)
    }
    shown = []
    for person in people:
        release = person.release
        outcome = getattr(person, "outcome", None)
        released = measures.Released(
            released_on=release.released_on,
            slept=release.slept,
            appointment_kept=release.appointment_kept,
            in_work_at_six_weeks=outcome.in_work_at_six_weeks if outcome else "",
            recalled_on=outcome.recalled_on if outcome else None,
            reoffence_on=outcome.reoffence_on if outcome else None,
        )
        assessment = assessments.get(person.pk)
        characteristics = {
            "sex": _label(person, "sex"),
            "ethnicity": _label(person, "ethnicity"),
            "age_band": measures.age_band(person.date_of_birth, release.released_on),
            "disability": _label(person, "disability"),
            "religion": _label(person, "religion"),
        }
        shown.append(
            Member(
                person_id=person.pk,
                released_on=release.released_on,
                month=measures.month_of(release.released_on),
                outcomes=measures.outcomes(released, today),
                rosh_level=assessment.rosh_level if assessment else "",
                ogrs3_band=assessment.ogrs3_band if assessment else "",
                ogrs3_two_year=assessment.ogrs3_two_year if assessment else None,
                judged_likelihood=assessment.judged_likelihood if assessment else "",
                departs=assessment.departs if assessment else False,
                **characteristics,
            )
        )
    return shown
