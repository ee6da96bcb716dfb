"""The pages of information requests: sending one (errors keep what was typed), the record's
list with each reply and its source, the recipient's list and answer form, withdrawing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Outcome, RecordType
from throughcare.casework.requests.models import InformationRequest
from throughcare.core import clock
from throughcare.people.models import Person

from .requests_helpers import send

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: Any) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_bad_input_is_refused_with_every_error_and_what_was_typed_kept(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    url = reverse("casework:request-new", args=[person.pk])
    yesterday = clock.today() - timedelta(days=1)
    response = client_for(com).post(
        url,
        {
            "recipient_kind": "colleague",
            "purpose": "",
            "further_questions": "Has he had visits? " + "x" * 20_001,
            **_date("due_on", yesterday),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    for message in (
        "Select the colleague to ask",
        "Enter why you are asking",
        "Any further questions (optional) must be 20,000 characters or fewer",
        "The date to answer by must be today or in the future",
    ):
        assert message in body, message
    assert "Has he had visits?" in body and f'value="{yesterday.day}"' in body
    assert not InformationRequest.objects.exists()


def test_the_form_says_who_will_see_the_answer(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    body = client_for(com).get(reverse("casework:request-new", args=[person.pk])).content.decode()
    assert f"{com.full_name}, community offender manager" in body
    assert "Staff of Testmoor probation team" in body


def test_sent_answered_and_shown_on_the_record_with_its_source(
    com: User,
    person: Person,
    make_user: Callable[..., User],
    client_for: Callable[[User], Client],
) -> None:
    colleague = make_user(Role.COM, "other_team")
    sender = client_for(com)
    response = sender.post(
        reverse("casework:request-new", args=[person.pk]),
        {
            "recipient_kind": "colleague",
            "colleague": str(colleague.pk),
            "purpose": "Planning release",
            "topics": ["behaviour"],
            **_date("due_on", clock.today() + timedelta(days=3)),
        },
    )
    assert response.status_code == 302
    request = InformationRequest.objects.get()
    recipient = client_for(colleague)
    listed = recipient.get(reverse("casework:requests-to-me")).content.decode()
    assert person.full_name in listed
    page = reverse("casework:request", args=[request.pk])
    refused = recipient.post(page, {"answer_behaviour": ""})
    assert "Answer about their behaviour in custody" in refused.content.decode()
    done = recipient.post(page, {"answer_behaviour": "Settled, works in the kitchens"})
    assert done.status_code == 302
    assert recipient.get(page).status_code == 404
    record = sender.get(reverse("casework:requests", args=[person.pk])).content.decode()
    assert "Settled, works in the kitchens" in record
    assert f"A colleague: {colleague.full_name} (Community offender manager, Elsewhere" in record
    assert AuditEvent.objects.filter(
        record_type=RecordType.INFORMATION_REQUEST, user=colleague, outcome=Outcome.REFUSED
    ).exists()
    sent = sender.get(reverse("casework:requests-sent")).content.decode()
    assert "Answered" in sent


def test_withdrawing_from_the_record(
    com: User, person: Person, make_user: Callable[..., User], client_for: Callable[[User], Client]
) -> None:
    colleague = make_user(Role.COM, "other_team")
    request = send(com, person, colleague=colleague)
    client = client_for(com)
    url = reverse("casework:request-withdraw", args=[person.pk, request.pk])
    assert "Withdraw the request to" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Found out elsewhere"}).status_code == 302
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.WITHDRAWN
    record = client.get(reverse("casework:requests", args=[person.pk])).content.decode()
    assert "Withdrawn" in record and "Found out elsewhere" in record
    assert (
        client_for(colleague).get(reverse("casework:request", args=[request.pk])).status_code == 404
    )


def test_an_overdue_request_is_flagged_on_the_caseload(
    com: User, person: Person, make_user: Callable[..., User], client_for: Callable[[User], Client]
) -> None:
    send(com, person, colleague=make_user(Role.COM, "other_team"), due_on=clock.today())
    client = client_for(com)
    assert "Overdue request" not in client.get(reverse("caseload:caseload")).content.decode()
    clock.advance(timedelta(days=1))
    client = client_for(com)  # a new day, a new sign-in
    assert "Overdue request" in client.get(reverse("caseload:caseload")).content.decode()
