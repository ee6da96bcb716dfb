"""Running the plan's services: reviews opened by events (one open review a reason), by a
recall recommendation and on a schedule; completing a review; setbacks; escalation to the
team's SPO and the SPO's response; every bad input a clear error with nothing written; the
audit log; the caseload's flag and `running_for`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.notifications.models import Notification
from throughcare.people.models import Person
from throughcare.planning.running import queries, services
from throughcare.planning.running.models import (
    EnforcementRecommendation,
    Escalation,
    Review,
    Setback,
)

from .helpers import acute_change, move, urgent_concern

pytestmark = pytest.mark.django_db
R = Review.Reason
TODAY = date(2026, 11, 24)


def _reasons(person: Person) -> list[str]:
    return sorted(r.reason for r in Review.objects.filter(person=person, completed_on=None))


def _complete(user: User, review: Review, **values: Any) -> Review:
    data = {
        "completed_on": clock.today(),
        "summary": "Settled at the hostel; drinking less",
        "changes": "Added a step: alcohol group on Tuesdays",
        "next_review_on": clock.today() + timedelta(weeks=6),
        **values,
    }
    return services.complete_review(user=user, review=review, data=data)


# Reviews opened by events ------------------------------------------------------------------------


def test_an_acute_change_makes_a_review_due_today_once(com: User, person: Person) -> None:
    assert clock.today() == TODAY
    acute_change(com, person)
    acute_change(com, person, "bereavement")
    review = Review.objects.get(person=person)
    assert (review.reason, review.due_on) == (R.ACUTE_FACTOR, TODAY)
    assert "Relationship breakdown" in review.details
    event = AuditEvent.objects.get(record_type=RecordType.PLAN_REVIEW)
    assert (event.operation, event.user_id) == (Operation.COLLECTION, com.pk)


def test_an_urgent_concern_makes_a_review_due_once(com: User, person: Person) -> None:
    urgent_concern(com, person)
    urgent_concern(com, person)
    assert _reasons(person) == [R.URGENT_CONCERN]
    assert Review.objects.get(person=person).due_on == TODAY


def test_a_change_of_community_address_makes_a_review_due_once(com: User, person: Person) -> None:
    move(com, person, "Flat 2, 9 Mill Lane, Northbridge")
    move(com, person, "3 Quay Street, Northbridge")
    move(com, person, "3 Quay Street, Northbridge")  # the same address: no change
    assert _reasons(person) == [R.ADDRESS]
    assert AuditEvent.objects.filter(record_type=RecordType.PLAN_REVIEW).count() == 1


def test_each_reason_has_its_own_open_review_and_a_completed_one_does_not_block(
    com: User, person: Person
) -> None:
    acute_change(com, person)
    urgent_concern(com, person)
    move(com, person, "3 Quay Street")
    assert _reasons(person) == sorted([R.ACUTE_FACTOR, R.URGENT_CONCERN, R.ADDRESS])
    _complete(com, Review.objects.get(person=person, reason=R.ACUTE_FACTOR))
    acute_change(com, person, "bereavement")
    assert Review.objects.filter(person=person, reason=R.ACUTE_FACTOR).count() == 2


def test_the_events_reach_only_the_person_concerned(
    com: User, person: Person, make_person: Callable[..., Person]
) -> None:
    other = make_person()
    acute_change(com, person)
    assert not Review.objects.filter(person=other).exists()


# Scheduling and completing ------------------------------------------------------------------


def test_a_scheduled_review_and_its_completion_set_the_next_one(com: User, person: Person) -> None:
    due = TODAY + timedelta(days=7)
    review = services.schedule_review(user=com, person=person, due_on=due, reason=R.SCHEDULED)
    clock.set_now(clock.now() + timedelta(days=8))
    done = _complete(com, review)
    assert (done.completed_on, done.completed_by, done.version) == (clock.today(), com, 2)
    assert done.summary == "Settled at the hostel; drinking less"
    assert done.changes == "Added a step: alcohol group on Tuesdays"
    following = Review.objects.get(person=person, completed_on=None)
    assert (following.reason, following.due_on) == (R.SCHEDULED, clock.today() + timedelta(weeks=6))
    assert done.next_review == following
    events = AuditEvent.objects.filter(record_type=RecordType.PLAN_REVIEW).order_by("id")
    assert [(e.operation, e.record_id) for e in events] == [
        (Operation.COLLECTION, str(review.pk)),
        (Operation.COLLECTION, str(following.pk)),
        (Operation.ALTERATION, str(review.pk)),
    ]


def test_completing_a_review_for_a_change_moves_the_open_scheduled_review(
    com: User, person: Person
) -> None:
    scheduled = services.schedule_review(
        user=com, person=person, due_on=TODAY + timedelta(days=60), reason=R.SCHEDULED
    )
    urgent_concern(com, person)
    concern_review = Review.objects.get(person=person, reason=R.URGENT_CONCERN)
    _complete(com, concern_review, next_review_on=TODAY + timedelta(days=14))
    scheduled.refresh_from_db()
    assert scheduled.due_on == TODAY + timedelta(days=14) and scheduled.version == 2
    assert Review.objects.filter(person=person, completed_on=None).count() == 1


def test_a_second_open_review_for_the_same_reason_is_refused(com: User, person: Person) -> None:
    services.schedule_review(user=com, person=person, due_on=TODAY, reason=R.SCHEDULED)
    with pytest.raises(Invalid) as refused:
        services.schedule_review(
            user=com, person=person, due_on=TODAY + timedelta(days=3), reason=R.SCHEDULED
        )
    assert "already due on 24 November 2026" in refused.value.fields["reason"][0]
    assert Review.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"due_on": None}, "due_on", "Enter the date the review is due"),
        (
            {"due_on": TODAY - timedelta(days=1)},
            "due_on",
            "The date the review is due must be today or in the future",
        ),
        ({"due_on": date(2300, 1, 1)}, "due_on", "within 100 years"),
        ({"reason": "whim"}, "reason", "Select the reason for the review"),
        ({"reason": R.OTHER, "details": " "}, "details", "Enter what prompted the review"),
    ],
)
def test_scheduling_a_review_wrongly_is_a_clear_error(
    com: User, person: Person, values: dict[str, Any], field: str, message: str
) -> None:
    data = {"due_on": TODAY, "reason": R.SCHEDULED, "details": "", **values}
    with pytest.raises(Invalid) as invalid:
        services.schedule_review(user=com, person=person, **data)
    assert message in invalid.value.fields[field][0]
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"summary": "  "}, "summary", "Enter a summary of the review"),
        ({"completed_on": None}, "completed_on", "Enter the date of the review"),
        (
            {"completed_on": TODAY + timedelta(days=1)},
            "completed_on",
            "The date of the review must be today or in the past",
        ),
        (
            {"next_review_on": TODAY - timedelta(days=1)},
            "next_review_on",
            "The date of the next review must be in the future",
        ),
        ({"next_review_on": TODAY}, "next_review_on", "must be in the future"),
        ({"next_review_on": None}, "next_review_on", "Enter the date of the next review"),
        ({"changes": "x" * 5001}, "changes", "5,000 characters or fewer"),
    ],
)
def test_completing_a_review_wrongly_is_a_clear_error_and_nothing_is_written(
    com: User, person: Person, values: dict[str, Any], field: str, message: str
) -> None:
    review = services.schedule_review(user=com, person=person, due_on=TODAY, reason=R.SCHEDULED)
    with pytest.raises(Invalid) as invalid:
        _complete(com, review, **values)
    assert message in invalid.value.fields[field][0]
    review.refresh_from_db()
    assert review.is_open and review.version == 1
    assert Review.objects.count() == 1


def test_a_review_completed_twice_or_from_a_stale_page_is_refused(
    com: User, person: Person
) -> None:
    review = services.schedule_review(user=com, person=person, due_on=TODAY, reason=R.SCHEDULED)
    data = {
        "completed_on": TODAY,
        "summary": "Going well",
        "next_review_on": TODAY + timedelta(days=30),
    }
    with pytest.raises(Stale):
        services.complete_review(user=com, review=review, data=data, expected_version=7)
    services.complete_review(user=com, review=review, data=data, expected_version=1)
    with pytest.raises(Invalid, match="completed on 24 November 2026"):
        services.complete_review(user=com, review=review, data=data)
    assert Review.objects.filter(person=person).count() == 2


# Setbacks -----------------------------------------------------------------------------------------


def test_a_setback_is_logged_and_audited(com: User, person: Person) -> None:
    setback = services.record_setback(
        user=com,
        person=person,
        data={
            "occurred_on": TODAY - timedelta(days=2),
            "kind": "lapse",
            "what_happened": "Drank at the weekend",
            "response": "Referred back to the alcohol service",
        },
    )
    assert setback.get_kind_display() == "Lapse"
    event = AuditEvent.objects.get(record_type=RecordType.SETBACK)
    assert (event.record_id, event.operation) == (str(setback.pk), Operation.COLLECTION)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"occurred_on": TODAY + timedelta(days=1)},
            "occurred_on",
            "The date it happened must be today or in the past",
        ),
        ({"occurred_on": None}, "occurred_on", "Enter the date it happened"),
        ({"kind": ""}, "kind", "Select setback or lapse"),
        ({"what_happened": ""}, "what_happened", "Enter what happened"),
        ({"response": " "}, "response", "Enter the response"),
    ],
)
def test_a_setback_wrongly_recorded_is_a_clear_error(
    com: User, person: Person, values: dict[str, Any], field: str, message: str
) -> None:
    data = {
        "occurred_on": TODAY,
        "kind": "setback",
        "what_happened": "Lost his job",
        "response": "Job centre appointment made",
        **values,
    }
    with pytest.raises(Invalid) as invalid:
        services.record_setback(user=com, person=person, data=data)
    assert invalid.value.fields[field] == [message]
    assert not Setback.objects.exists()


# Who may write ------------------------------------------------------------------------------------


def test_only_the_allocated_staff_write(person: Person, make_user: Callable[..., User]) -> None:
    for outsider in (make_user(Role.COM, "team"), make_user(Role.SPO, "team")):
        with pytest.raises(Refused):
            services.raise_escalation(user=outsider, person=person, reason="Worried")
        with pytest.raises(Refused):
            services.schedule_review(user=outsider, person=person, due_on=TODAY, reason=R.SCHEDULED)
        with pytest.raises(Refused):
            services.record_recommendation(
                user=outsider, person=person, recommendation="warning", reasons="Late twice"
            )
    assert not Escalation.objects.exists() and not Review.objects.exists()


# Escalation ---------------------------------------------------------------------------------------


def test_an_escalation_tells_the_team_spo_who_alone_may_respond(
    com: User, pom: User, person: Person, make_user: Callable[..., User]
) -> None:
    spo = make_user(Role.SPO, "team")
    other_spo = make_user(Role.SPO, "other_team")
    escalation = services.raise_escalation(
        user=com, person=person, reason="  Threats to his ex-partner reported by police  "
    )
    assert escalation.reason == "Threats to his ex-partner reported by police"
    told = Notification.objects.get(subject_type=RecordType.ESCALATION)
    assert (told.recipient, told.due_on, told.done_at) == (spo, TODAY, None)
    assert told.url.endswith(f"/escalations/{escalation.pk}/respond/")
    assert "Threats" not in told.summary  # no case detail in a notification
    for refused in (com, pom, other_spo, make_user(Role.COM, "team")):
        with pytest.raises(Refused):
            services.respond(user=refused, escalation=escalation, response="Recall")
    answered = services.respond(
        user=spo, escalation=escalation, response="Agree: warning letter", expected_version=1
    )
    assert (answered.responded_by, answered.response, answered.is_open) == (
        spo,
        "Agree: warning letter",
        False,
    )
    told.refresh_from_db()
    assert told.done_at is not None
    assert Notification.objects.filter(recipient=com, done_at=None).count() == 1
    with pytest.raises(Invalid, match="already has a response"):
        services.respond(user=spo, escalation=escalation, response="Again")
    events = AuditEvent.objects.filter(record_type=RecordType.ESCALATION).order_by("id")
    assert [e.operation for e in events] == [Operation.COLLECTION, Operation.ALTERATION]


def test_bad_escalations_and_responses_are_clear_errors(
    com: User, person: Person, make_user: Callable[..., User]
) -> None:
    spo = make_user(Role.SPO, "team")
    with pytest.raises(Invalid) as invalid:
        services.raise_escalation(user=com, person=person, reason=" ")
    assert invalid.value.fields["reason"] == ["Enter why you are escalating"]
    assert not Notification.objects.exists()
    escalation = services.raise_escalation(user=com, person=person, reason="Missed curfew")
    with pytest.raises(Invalid) as invalid:
        services.respond(user=spo, escalation=escalation, response="")
    assert invalid.value.fields["response"] == ["Enter your response"]
    with pytest.raises(Stale):
        services.respond(user=spo, escalation=escalation, response="Ok", expected_version=9)
    escalation.refresh_from_db()
    assert escalation.is_open


# Recommendations ---------------------------------------------------------------------------------


def test_a_recall_recommendation_opens_one_review_and_others_open_none(
    com: User, person: Person
) -> None:
    escalation = services.raise_escalation(user=com, person=person, reason="Missed curfew")
    warning = services.record_recommendation(
        user=com, person=person, recommendation="warning", reasons="First missed curfew"
    )
    assert warning.review is None and not Review.objects.exists()
    recall = services.record_recommendation(
        user=com,
        person=person,
        recommendation="recall",
        reasons="Third missed curfew; threats",
        escalation=escalation,
    )
    assert recall.review is not None and recall.review.reason == R.RECALL
    assert (recall.recorded_by, recall.escalation) == (com, escalation)
    again = services.record_recommendation(
        user=com, person=person, recommendation="recall", reasons="Still missing"
    )
    assert again.review == recall.review
    assert _reasons(person) == [R.RECALL]
    assert AuditEvent.objects.filter(record_type=RecordType.ENFORCEMENT).count() == 3


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"reasons": "  "}, "reasons", "Enter the reasons"),
        ({"recommendation": "caution"}, "recommendation", "Select the recommendation"),
    ],
)
def test_a_recommendation_without_reasons_is_a_clear_error(
    com: User, person: Person, values: dict[str, Any], field: str, message: str
) -> None:
    data = {"recommendation": "recall", "reasons": "Threats", **values}
    with pytest.raises(Invalid) as invalid:
        services.record_recommendation(user=com, person=person, **data)
    assert invalid.value.fields[field] == [message]
    assert not EnforcementRecommendation.objects.exists() and not Review.objects.exists()


def test_a_recommendation_cannot_follow_another_persons_escalation(
    com: User, person: Person, make_person: Callable[..., Person]
) -> None:
    elsewhere = services.raise_escalation(user=com, person=make_person(), reason="Other")
    with pytest.raises(Invalid) as invalid:
        services.record_recommendation(
            user=com, person=person, recommendation="warning", reasons="Late", escalation=elsewhere
        )
    assert "escalation" in invalid.value.fields


# Reads ----------------------------------------------------------------------------------------


def test_the_caseload_flag_is_for_a_review_due_today_or_earlier(
    com: User, make_person: Callable[..., Person]
) -> None:
    due_today, due_later, done, none = (make_person() for _ in range(4))
    services.schedule_review(user=com, person=due_today, due_on=TODAY, reason=R.SCHEDULED)
    services.schedule_review(
        user=com, person=due_later, due_on=TODAY + timedelta(days=1), reason=R.SCHEDULED
    )
    _complete(
        com,
        services.schedule_review(
            user=com, person=done, due_on=TODAY, reason="other", details="Asked"
        ),
    )
    ids = [p.pk for p in (due_today, due_later, done, none)]
    assert set(queries.review_due_people(ids)) == {due_today.pk}
    clock.set_now(clock.now() + timedelta(days=1))
    assert set(queries.review_due_people(ids)) == {due_today.pk, due_later.pk}


def test_running_for_says_what_is_open_and_the_latest(com: User, person: Person) -> None:
    urgent_concern(com, person)
    services.schedule_review(
        user=com, person=person, due_on=TODAY + timedelta(days=30), reason=R.SCHEDULED
    )
    for days in (1, 9, 5, 3):
        services.record_setback(
            user=com,
            person=person,
            data={
                "occurred_on": TODAY - timedelta(days=days),
                "kind": "setback",
                "what_happened": f"{days} days ago",
                "response": "Talked it through",
            },
        )
    services.raise_escalation(user=com, person=person, reason="Open one")
    services.record_recommendation(
        user=com, person=person, recommendation="warning", reasons="Late"
    )
    clock.set_now(clock.now() + timedelta(days=2))
    running = queries.running_for(person)
    assert [(r.reason, r.overdue) for r in running.open_reviews] == [
        ("An urgent concern", True),
        ("Scheduled review", False),
    ]
    assert running.next_review == running.open_reviews[0]
    assert [s.what_happened for s in running.last_setbacks] == [
        "1 days ago",
        "3 days ago",
        "5 days ago",
    ]
    assert [e.reason for e in running.open_escalations] == ["Open one"]
    assert running.last_recommendation is not None
    assert running.last_recommendation.recommendation == "Warning"
