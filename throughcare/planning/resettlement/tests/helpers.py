"""A resettlement plan made through the services, for the tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning.resettlement import services
from throughcare.planning.resettlement.models import Goal, Step


def goal(user: User, person: Person, **values: Any) -> Goal:
    data: dict[str, Any] = {
        "pathway": "accommodation",
        "area_of_need": "accommodation",
        "title": "Have somewhere settled to live",
        "status": "active",
        "target_date": clock.today() + timedelta(days=60),
    }
    data.update(values)
    return services.add_goal(user=user, person=person, new=services.NewGoal.from_cleaned(data))


def step(user: User, of: Goal, **values: Any) -> Step:
    data: dict[str, Any] = {
        "description": "Apply for CAS3 temporary accommodation",
        "owner": "pom",
        "due_date": clock.today() + timedelta(days=14),
    }
    data.update(values)
    return services.add_step(user=user, goal=of, new=services.NewStep.from_cleaned(data))


def agreed(user: User, person: Person, answer: str = "agreed", words: str = "") -> None:
    from throughcare.planning.resettlement import queries

    version = queries.current_version(queries.document(person))
    assert version is not None
    meta = version.sections.get("agreement") or {}
    services.record_agreement(
        user, person, agreement=answer, words=words, expected=int(meta.get("version", 0))
    )


def in_days(days: int) -> date:
    return clock.today() + timedelta(days=days)
