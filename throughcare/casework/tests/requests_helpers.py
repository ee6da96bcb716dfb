"""Helpers for the information request tests: a request sent through the service."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.casework.requests import services
from throughcare.casework.requests.models import InformationRequest, RecipientKind, Topic
from throughcare.core import clock
from throughcare.people.models import Person

ALL_TOPICS = tuple(Topic.values)


def access_for(user: User, person: Person) -> policy.Access:
    return policy.Access(user, person, policy.relation(user, person))


def new_request(**overrides: Any) -> services.NewRequest:
    values: dict[str, Any] = {
        "recipient_kind": RecipientKind.COLLEAGUE,
        "purpose": "Planning release: what do you know of them?",
        "topics": ALL_TOPICS,
        "due_on": clock.today() + timedelta(days=7),
        "further_questions": "",
    }
    values.update(overrides)
    return services.NewRequest(**values)


def send(by: User, person: Person, **overrides: Any) -> InformationRequest:
    return services.send_request(
        user=by, access=access_for(by, person), new=new_request(**overrides)
    )


def full_reply(request: InformationRequest, text: str = "Settled on the wing") -> Any:
    answers = {topic: f"{text} ({topic})" for topic in request.topics}
    further = "Nothing more to add" if request.further_questions else ""
    return services.NewReply(answers=answers, further_answer=further)
