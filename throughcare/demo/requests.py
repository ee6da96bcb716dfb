"""Demo information requests: one open, one overdue and one answered, about people of the
Northbridge probation team, sent by their community offender manager through the services,
to the demo's key worker and healthcare at HMP Northbridge and to a named colleague."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from throughcare.access import policy
from throughcare.access.models import Function, Organisation, User
from throughcare.casework.requests import services
from throughcare.casework.requests.models import (
    P12_TOPICS,
    InformationRequest,
    RecipientKind,
    Topic,
)
from throughcare.core import clock
from throughcare.people.models import Person

# Demo staff with a function at their prison (email: functions), set by `ensure_service`.
FUNCTIONS = {
    "keyworker.northbridge@throughcare.example": [Function.KEY_WORKER],
    "healthcare.northbridge@throughcare.example": [Function.HEALTHCARE],
    "psychology.northbridge@throughcare.example": [Function.PSYCHOLOGY],
}

PURPOSE = (
    "I am preparing the release plan and the risk assessment. Your answer will be recorded "
    "on the person's record with your name and role."
)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _send(com: User, person: Person, **addressed: object) -> InformationRequest:
    access = policy.Access(com, person, policy.relation(com, person))
    return services.send_request(
        user=com,
        access=access,
        new=services.NewRequest(
            purpose=PURPOSE,
            topics=P12_TOPICS,
            due_on=clock.today() + timedelta(days=14),
            **addressed,  # type: ignore[arg-type]
        ),
    )


def seed_requests(*, today: date) -> int:
    """Three requests (none if any exist already): open, overdue, answered."""
    if InformationRequest.objects.exists():
        return 0
    com = User.objects.get(email="com.northbridge@throughcare.example")
    people = list(
        Person.objects.filter(com=com, pom__organisation__name="HMP Northbridge").order_by("crn")[
            :3
        ]
    )
    if len(people) < 3:
        return 0
    prison = Organisation.objects.get(name="HMP Northbridge")
    colleague = User.objects.get(email="pom.northbridge@throughcare.example")
    # Sent three weeks ago, due a week ago, still not answered.
    with clock.fixed_at(_at(today - timedelta(days=21))):
        overdue = _send(
            com,
            people[0],
            recipient_kind=RecipientKind.FUNCTION,
            organisation=prison,
            function=Function.HEALTHCARE,
        )
    with clock.fixed_at(_at(today - timedelta(days=7))):
        answered = _send(
            com, people[1], recipient_kind=RecipientKind.COLLEAGUE, colleague=colleague
        )
    with clock.fixed_at(_at(today - timedelta(days=5))):
        services.answer_request(
            user=colleague,
            request=answered,
            reply=services.NewReply(
                answers={
                    Topic.BEHAVIOUR: "Settled on the wing; one warning in March for a cell search "
                    "refusal, none since.",
                    Topic.OFFENDING: "Accepts responsibility for the burglaries; links them to "
                    "debt and drinking.",
                    Topic.RELEASE_PLANS: "Wants to live with his sister; has asked about a "
                    "kitchen job through the employment hub.",
                    Topic.RISKS: "Drinking after release, and old friends in the area.",
                    Topic.PROGRAMMES: "Completed Thinking Skills in June: tutor report positive.",
                }
            ),
        )
    _send(
        com,
        people[2],
        recipient_kind=RecipientKind.FUNCTION,
        organisation=prison,
        function=Function.KEY_WORKER,
    )
    assert overdue.due_on < today  # noqa: S101 - the demo's overdue request
    return 3
