"""What the tests of running the plan make through the services of other apps: the events
that prompt a review."""

from __future__ import annotations

from throughcare.access.models import User
from throughcare.casework import services as casework
from throughcare.casework.concerns import services as concerns
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import PersonChanges
from throughcare.people.models import Person
from throughcare.rules.times import LONDON


def acute_change(user: User, person: Person, change: str = "relationship breakdown") -> None:
    casework.add_case_note(
        user=user,
        person=person,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": clock.today(),
                "text": "Told me his partner has left",
                "acute_change": change,
            }
        ),
    )


def urgent_concern(user: User, person: Person) -> None:
    now = clock.now().astimezone(LONDON)
    concerns.record_concern(
        user=user,
        person=person,
        concern=concerns.NewConcern(
            concern_type="harm to a child",
            account="Threatened his neighbour's son",
            occurred_on=now.date(),
            occurred_time=now.time().replace(second=0, microsecond=0),
            source_kind="person",
        ),
    )


def move(user: User, person: Person, address: str) -> Person:
    person.refresh_from_db()
    return people_services.update_person(
        user=user,
        person=person,
        changes=PersonChanges(community_address=address),
        expected_version=person.version,
    )
