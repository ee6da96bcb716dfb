"""The pages of running the plan: the panel on the Plan page, the lists, the forms (errors in
the summary and beside the field, what was typed kept), the SPO's response page, and the
caseload's "Plan review due" flag."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning.running import services
from throughcare.planning.running.models import (
    EnforcementRecommendation,
    Escalation,
    Review,
    Setback,
)

from .helpers import urgent_concern

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]
TODAY = date(2026, 11, 24)


def _url(name: str, person: Person, *args: object) -> str:
    return reverse(f"running:{name}", args=[person.pk, *args])


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def _errors(response: Any) -> str:
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    return body


def test_the_plan_page_panel_summarises_and_links(
    com: User, person: Person, client_for: Clients
) -> None:
    urgent_concern(com, person)
    services.record_setback(
        user=com,
        person=person,
        data={
            "occurred_on": TODAY,
            "kind": "lapse",
            "what_happened": "Used heroin at the weekend",
            "response": "Drug worker told",
        },
    )
    services.raise_escalation(user=com, person=person, reason="Threats to his brother")
    services.record_recommendation(
        user=com, person=person, recommendation="warning", reasons="Lapse and threats"
    )
    clock.set_now(clock.now() + timedelta(days=1))
    body = client_for(com).get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert 'id="panel-running"' in body
    assert "Due 24 November 2026: An urgent concern" in body and "Overdue" in body
    assert "Used heroin at the weekend" in body
    assert "Threats to his brother" in body
    assert "Warning, 24 November 2026" in body
    for name in ("reviews", "setbacks", "escalations", "recommendations", "setback-create"):
        assert _url(name, person) in body


def test_the_panel_is_for_the_case_team_and_the_buttons_for_the_allocated_staff(
    com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    team = make_user(Role.COM, "team")
    body = client_for(team).get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert 'id="panel-running"' in body and "No review scheduled" in body
    assert _url("setback-create", person) not in body
    body = client_for(com).get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert _url("setback-create", person) in body


def test_scheduling_and_completing_a_review(com: User, person: Person, client_for: Clients) -> None:
    client = client_for(com)
    response = client.post(
        _url("review-create", person),
        {**_date("due_on", TODAY + timedelta(days=14)), "reason": "scheduled"},
    )
    assert response.status_code == 302 and response["Location"] == _url("reviews", person)
    review = Review.objects.get(person=person)
    body = client.get(_url("reviews", person)).content.decode()
    assert "8 December 2026" in body and _url("review-complete", person, review.pk) in body
    response = client.post(
        _url("review-complete", person, review.pk),
        {
            **_date("completed_on", TODAY),
            "summary": "Attending every appointment",
            "changes": "",
            **_date("next_review_on", TODAY + timedelta(weeks=8)),
            "version": "1",
        },
    )
    assert response.status_code == 302
    body = client.get(_url("reviews", person)).content.decode()
    assert "Attending every appointment" in body and "Nothing changed" in body
    assert "19 January 2027" in body  # the next scheduled review


def test_completing_a_review_badly_shows_every_error_and_keeps_what_was_typed(
    com: User, person: Person, client_for: Clients
) -> None:
    review = services.schedule_review(user=com, person=person, due_on=TODAY, reason="scheduled")
    body = _errors(
        client_for(com).post(
            _url("review-complete", person, review.pk),
            {
                **_date("completed_on", TODAY),
                "summary": "",
                "changes": "Dropped the curfew step",
                **_date("next_review_on", TODAY - timedelta(days=3)),
                "version": "1",
            },
        )
    )
    assert "Enter a summary of the review" in body
    assert "The date of the next review must be in the future" in body
    assert "Dropped the curfew step" in body and 'value="21"' in body
    review.refresh_from_db()
    assert review.is_open


def test_a_stale_completion_keeps_the_text_and_may_be_saved_again(
    com: User, person: Person, client_for: Clients
) -> None:
    review = services.schedule_review(user=com, person=person, due_on=TODAY, reason="scheduled")
    posted = {
        **_date("completed_on", TODAY),
        "summary": "My careful summary",
        **_date("next_review_on", TODAY + timedelta(days=30)),
        "version": "5",
    }
    body = _errors(client_for(com).post(_url("review-complete", person, review.pk), posted))
    assert "Someone else changed this review" in body and "My careful summary" in body
    assert 'name="version" value="1"' in body
    response = client_for(com).post(
        _url("review-complete", person, review.pk), {**posted, "version": "1"}
    )
    assert response.status_code == 302


def test_a_setback_in_the_future_is_a_clear_error_keeping_what_was_typed(
    com: User, person: Person, client_for: Clients
) -> None:
    client = client_for(com)
    body = _errors(
        client.post(
            _url("setback-create", person),
            {
                **_date("occurred_on", TODAY + timedelta(days=1)),
                "kind": "setback",
                "what_happened": "Evicted from his flat",
                "response": "",
            },
        )
    )
    assert "The date it happened must be today or in the past" in body
    assert "Enter the response" in body and "Evicted from his flat" in body
    assert not Setback.objects.exists()
    response = client.post(
        _url("setback-create", person),
        {
            **_date("occurred_on", TODAY),
            "kind": "setback",
            "what_happened": "Evicted from his flat",
            "response": "Housing options appointment",
        },
    )
    assert response.status_code == 302
    body = client.get(_url("setbacks", person)).content.decode()
    assert "Evicted from his flat" in body and "Housing options appointment" in body


def test_an_escalation_raised_and_answered_through_the_pages(
    com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    spo = make_user(Role.SPO, "team")
    body = _errors(client_for(com).post(_url("escalation-create", person), {"reason": " "}))
    assert "Enter why you are escalating" in body
    response = client_for(com).post(
        _url("escalation-create", person), {"reason": "Police report threats"}
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get()
    respond = _url("escalation-respond", person, escalation.pk)
    assert respond in client_for(spo).get(_url("escalations", person)).content.decode()
    assert respond not in client_for(com).get(_url("escalations", person)).content.decode()
    assert client_for(com).get(respond).status_code == 403
    assert client_for(com).post(respond, {"response": "Mine", "version": "1"}).status_code == 403
    body = _errors(client_for(spo).post(respond, {"response": "", "version": "1"}))
    assert "Enter your response" in body
    response = client_for(spo).post(respond, {"response": "Agreed: recall", "version": "1"})
    assert response.status_code == 302
    body = client_for(com).get(_url("escalations", person)).content.decode()
    assert "Agreed: recall" in body and "No escalation is waiting for a response" in body
    body = client_for(spo).get(respond).content.decode()
    assert "This escalation has its response" in body and 'name="response"' not in body


def test_a_recall_recommendation_through_the_page_makes_a_review_due(
    com: User, person: Person, client_for: Clients
) -> None:
    escalation = services.raise_escalation(user=com, person=person, reason="Threats")
    client = client_for(com)
    form = client.get(_url("recommendation-create", person)).content.decode()
    assert "Raised 24 November 2026 by" in form
    body = _errors(
        client.post(
            _url("recommendation-create", person),
            {"recommendation": "recall", "reasons": "", "escalation": str(escalation.pk)},
        )
    )
    assert "Enter the reasons" in body and "checked" in body
    assert not Review.objects.exists()
    response = client.post(
        _url("recommendation-create", person),
        {
            "recommendation": "recall",
            "reasons": "Threats and no address",
            "escalation": str(escalation.pk),
        },
        follow=True,
    )
    assert "A review of the plan is due now" in response.content.decode()
    recommendation = EnforcementRecommendation.objects.get()
    assert recommendation.escalation == escalation
    assert Review.objects.get().reason == Review.Reason.RECALL
    body = client.get(_url("recommendations", person)).content.decode()
    assert "Recall to custody" in body and "Threats and no address" in body


def test_pages_are_audited_as_consultations(com: User, person: Person, client_for: Clients) -> None:
    for name, record_type in (
        ("reviews", RecordType.PLAN_REVIEW),
        ("setbacks", RecordType.SETBACK),
        ("escalations", RecordType.ESCALATION),
        ("recommendations", RecordType.ENFORCEMENT),
    ):
        client_for(com).get(_url(name, person))
        assert AuditEvent.objects.filter(
            record_type=record_type, operation=Operation.CONSULTATION, person_id=person.pk
        ).exists(), name


def test_the_caseload_flags_a_review_due(com: User, person: Person, client_for: Clients) -> None:
    services.schedule_review(
        user=com, person=person, due_on=TODAY + timedelta(days=1), reason="scheduled"
    )
    assert (
        "Plan review due" not in client_for(com).get(reverse("caseload:caseload")).content.decode()
    )
    clock.set_now(clock.now() + timedelta(days=1))
    assert "Plan review due" in client_for(com).get(reverse("caseload:caseload")).content.decode()
