"""Escalation to the senior probation officer and enforcement or recall recommendations
(P36; certificate unit D/507/0639 LO4): the allocated staff escalate with a reason and the
team's SPOs are told at once (in Throughcare, and by email once the transaction commits); the
team's SPO records a response. A recommendation (no further action, a warning, a breach, a
recall) carries its reasons; a recall recommendation opens a review of the plan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.access import case_team, policy
from throughcare.access.policy import Action
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import services as notifications
from throughcare.notifications.models import Notification

from ..models import EnforcementRecommendation, Escalation, Review
from .common import choice, may_edit, not_stale, raise_problems, text
from .reviews import open_review

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

Recommendation = EnforcementRecommendation.Recommendation


def escalation_url(escalation: Escalation) -> str:
    return reverse("running:escalation-respond", args=[escalation.person_id, escalation.pk])


def check_escalation(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    text(problems, data, "reason", "Why you are escalating", missing="Enter why you are escalating")
    raise_problems(problems)


@transaction.atomic
def raise_escalation(*, user: User, person: Person, reason: str) -> Escalation:
    """Records the escalation and tells the team's senior probation officers."""
    may_edit(user, person)
    check_escalation({"reason": reason})
    escalation = Escalation.objects.create(
        person=person, created_by=user, raised_by=user, reason=reason.strip()
    )
    record_for(escalation, user=user, operation=Operation.COLLECTION, fields=["reason"])
    notifications.notify(
        by=user,
        person_id=person.pk,
        recipients=case_team.team_spos(person),
        notice=notifications.Notice(
            kind=Notification.Kind.OTHER,
            summary="Escalation to respond to",
            url=escalation_url(escalation),
            subject_type=RecordType.ESCALATION,
            subject_id=escalation.pk,
            due_on=clock.today(),
        ),
    )
    return escalation


def check_response(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    text(problems, data, "response", "Your response", missing="Enter your response")
    raise_problems(problems)


@transaction.atomic
def respond(
    *, user: User, escalation: Escalation, response: str, expected_version: int | None = None
) -> Escalation:
    """The team's SPO responds: the escalation closes, and so do the notifications asking for
    it; the officer who raised it is told."""
    if not policy.can(user, escalation.person, Action.RESPOND_TO_ESCALATION):
        raise Refused("Only the team's senior probation officer can respond to an escalation")
    check_response({"response": response})
    current = Escalation.objects.select_for_update().select_related("person").get(pk=escalation.pk)
    not_stale(current, expected_version, "escalation")
    if not current.is_open:
        raise Invalid("This escalation already has a response")
    current.response = response.strip()
    current.responded_by = user
    current.responded_at = clock.now()
    current.updated_by = user
    current.version += 1
    fields = ["response", "responded_by", "responded_at"]
    current.save(update_fields=[*fields, "updated_by", "version"])
    record_for(current, user=user, operation=Operation.ALTERATION, fields=fields)
    notifications.close(by=user, subject_type=RecordType.ESCALATION, subject_id=current.pk)
    notifications.notify(
        by=user,
        person_id=current.person_id,
        recipients=[current.raised_by],
        notice=notifications.Notice(
            kind=Notification.Kind.OTHER,
            summary="Response to your escalation",
            url=reverse("running:escalations", args=[current.person_id]),
            subject_type=RecordType.ESCALATION,
            subject_id=current.pk,
        ),
    )
    return current


def check_recommendation(data: Mapping[str, Any], person: Person | None = None) -> None:
    problems: dict[str, str] = {}
    choice(problems, data, "recommendation", Recommendation.values, "Select the recommendation")
    text(problems, data, "reasons", "The reasons", missing="Enter the reasons")
    escalation = data.get("escalation")
    if escalation is not None and person is not None and escalation.person_id != person.pk:
        problems["escalation"] = "Select an escalation about this person"
    raise_problems(problems)


@transaction.atomic
def record_recommendation(
    *,
    user: User,
    person: Person,
    recommendation: str,
    reasons: str,
    escalation: Escalation | None = None,
) -> EnforcementRecommendation:
    """Records the recommendation with its reasons; a recall opens a review (or finds the one
    a recall opened already)."""
    may_edit(user, person)
    check_recommendation(
        {"recommendation": recommendation, "reasons": reasons, "escalation": escalation}, person
    )
    review = None
    if recommendation == Recommendation.RECALL:
        review = open_review(
            person=person,
            reason=Review.Reason.RECALL,
            details="Recall to custody was recommended",
            by=user,
        )
    created = EnforcementRecommendation.objects.create(
        person=person,
        created_by=user,
        recorded_by=user,
        recommendation=recommendation,
        reasons=reasons.strip(),
        escalation=escalation,
        review=review,
    )
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=["recommendation", "reasons", "escalation"],
    )
    return created
