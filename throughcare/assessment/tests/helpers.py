"""A person with a current sentence and main offence, and an assessment filled in through the
section forms (the demo's answers), for the assessment app's tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from throughcare.access.models import User
from throughcare.access.policy import Access, Relation
from throughcare.assessment import services
from throughcare.assessment.draft import AssessmentDraft, fill
from throughcare.assessment.examples import answers, fill_all
from throughcare.people import services as people_services
from throughcare.people.commands import NewOffence
from throughcare.people.models import Person


def with_offence(person: Person, user: User) -> Person:
    sentence = person.sentences.get()
    people_services.add_offence(
        user=user,
        person=person,
        sentence=sentence,
        offence=NewOffence(
            description="Assault occasioning actual bodily harm",
            conviction_date=sentence.sentence_date - timedelta(days=30),
            ogrs3_category="Violence",
            is_main=True,
        ),
    )
    person.refresh_from_db()
    return person


def draft_for(user: User, person: Person) -> AssessmentDraft:
    version = services.start(user, person)
    return AssessmentDraft(Access(user, person, Relation.ALLOCATED), version)


def filled(
    user: User, person: Person, level: str = "high", **changes: dict[str, Any]
) -> AssessmentDraft:
    """A new assessment with every section answered (`changes`: a section's values to change)."""
    draft = draft_for(user, person)
    posted = answers(level, person=person)
    for key, values in changes.items():
        posted[key] = {**posted[key], **values}
    fill_all(user, draft, posted)
    return draft


def refill(user: User, draft: AssessmentDraft, key: str, values: dict[str, Any]) -> None:
    posted = answers(person=draft.version.person)[key]
    fill(user, draft, key, {**posted, **values})
