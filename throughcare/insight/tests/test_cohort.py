"""The people behind the team figures (`insight.cohort`): an SPO's are their team's released
people, a COM's their own; people kept out by limited access are never among them; each comes
with their characteristics, outcomes and assessment; and two queries read them, whatever their
number."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from throughcare.access import services as access_services
from throughcare.access.commands import Exclusion, Restriction
from throughcare.access.models import Role, User
from throughcare.assessment import services as assessment_services
from throughcare.assessment.models import Assessment
from throughcare.audit.bulk import audited_update
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.insight import cohort
from throughcare.people.models import Person
from throughcare.planning.release import services as release_services

pytestmark = pytest.mark.django_db


def _released(
    com: User,
    person: Person,
    released_on: date,
    *,
    slept: str = "settled",
    recalled_on: date | None = None,
) -> Person:
    release_services.record_release(
        user=com,
        person=person,
        data={
            "released_on": released_on,
            "slept": slept,
            "slept_details": "",
            "appointment_kept": "yes",
        },
    )
    release_services.record_outcome(
        user=com,
        person=person,
        data={"in_work_at_six_weeks": "no", "recalled_on": recalled_on, "reoffence_on": None},
    )
    return person


def _assessed(user: User, person: Person, score: float, band: str) -> None:
    assessment_services.start(user, person)
    audited_update(
        Assessment.objects.filter(person=person),
        user=user,
        record_type=RecordType.ASSESSMENT,
        ogrs3_two_year=score,
        ogrs3_band=band,
        rosh_level="medium",
    )


@pytest.fixture
def team(
    make_person: Callable[..., Person], make_user: Callable[..., User], com: User, pom: User
) -> dict[str, Any]:
    today = clock.today()
    other_com = make_user(Role.COM, "team")
    elsewhere = make_user(Role.COM, "other_team")
    mine = _released(
        com,
        make_person(sex="female", date_of_birth=date(2000, 6, 1)),
        today - timedelta(days=100),
        recalled_on=today - timedelta(days=90),
    )
    _assessed(com, mine, 0.62, "high")
    colleagues = _released(
        other_com, make_person(com=other_com), today - timedelta(days=400), slept="temporary"
    )
    in_custody = make_person()  # not released: not in the figures
    other_team = _released(elsewhere, make_person(com=elsewhere), today - timedelta(days=50))
    return {
        "mine": mine,
        "colleagues": colleagues,
        "in_custody": in_custody,
        "other_team": other_team,
        "other_com": other_com,
    }


def _ids(user: User) -> set[Any]:
    return {member.person_id for member in cohort.members(user, clock.today())}


def test_an_spo_sees_their_teams_released_people_and_a_com_their_own(
    team: dict[str, Any], com: User, make_user: Callable[..., User]
) -> None:
    spo = make_user(Role.SPO, "team")
    assert _ids(spo) == {team["mine"].pk, team["colleagues"].pk}
    assert _ids(com) == {team["mine"].pk}
    assert _ids(team["other_com"]) == {team["colleagues"].pk}
    assert _ids(make_user(Role.SPO, "other_team")) == {team["other_team"].pk}
    assert _ids(make_user(Role.PARTNER, "partner")) == set()
    assert _ids(make_user(Role.ADMIN, None)) == set()


def test_each_member_carries_characteristics_outcomes_and_assessment(
    team: dict[str, Any], com: User
) -> None:
    today = clock.today()
    (member,) = cohort.members(com, today)
    assert member.released_on == today - timedelta(days=100)
    assert member.month == member.released_on.replace(day=1)
    assert member.sex == "Female" and member.characteristics["sex"] == "Female"
    assert member.ethnicity == cohort.NOT_RECORDED
    assert member.age_band == "25 to 29"  # 26 on the day of release
    assert member.outcomes["settled_first_night"] is True
    assert member.outcomes["recalled_28_days"] is True
    assert member.outcomes["in_work_at_six_weeks"] is False
    assert member.outcomes["reoffended_year"] is None  # not known for 18 months
    assert member.ogrs3_two_year == 0.62 and member.ogrs3_band == "high"
    assert member.rosh_level == "medium"
    (colleagues,) = [
        m for m in cohort.members(team["other_com"], today) if m.person_id == team["colleagues"].pk
    ]
    assert colleagues.outcomes["settled_first_night"] is False
    assert colleagues.outcomes["recalled_year"] is False  # a year passed with no recall
    assert colleagues.ogrs3_two_year is None and colleagues.rosh_level == ""


def test_limited_access_keeps_people_out_of_the_figures(
    team: dict[str, Any], com: User, pom: User, make_user: Callable[..., User]
) -> None:
    spo = make_user(Role.SPO, "team")
    access_services.restrict_to(
        by=spo,
        person=team["mine"],
        restriction=Restriction(
            users=(team["other_com"],), reason="High profile", lock_out=(com, pom)
        ),
    )
    assert team["mine"].pk not in _ids(com)
    second_spo = make_user(Role.SPO, "team")
    access_services.exclude_user(
        by=spo,
        person=team["colleagues"],
        exclusion=Exclusion(user=second_spo, reason="Knows the family"),
    )
    assert team["colleagues"].pk not in _ids(second_spo)
    assert team["colleagues"].pk in _ids(spo)


def test_two_queries_whatever_the_number_of_people(
    team: dict[str, Any],
    com: User,
    make_person: Callable[..., Person],
    make_user: Callable[..., User],
) -> None:
    spo = make_user(Role.SPO, "team")

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            found = cohort.members(spo, clock.today())
        return len(found), len(queries.captured_queries)

    before, queries_before = count()
    for days in (30, 200, 500):
        added = _released(com, make_person(), clock.today() - timedelta(days=days))
        _assessed(com, added, 0.3, "medium")
    after, queries_after = count()
    assert (before, after) == (2, 5)
    assert queries_before == queries_after == 2
