"""The new-request page filled in from its address (a "request it" link): each value checked
by its field, a refused one left out without an error, nothing saved until the user sends."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Function, Organisation, Role, User
from throughcare.casework.requests.forms import InformationRequestForm
from throughcare.casework.requests.models import InformationRequest, Topic
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _query(**values: object) -> QueryDict:
    return QueryDict(urlencode(values, doseq=True))


def test_values_from_the_query_are_the_forms_initial_values(
    organisations: dict[str, Organisation],
) -> None:
    prison = organisations["prison"]
    form = InformationRequestForm.prefilled(
        _query(
            recipient_kind="function",
            organisation=prison.pk,
            function=Function.KEY_WORKER,
            topics=["behaviour", "risks"],
            purpose="For the assessment of risk",
            further_questions="Any adjudications?",
        )
    )
    assert not form.is_bound
    assert form.initial == {
        "recipient_kind": "function",
        "organisation": prison.pk,
        "function": "key worker",
        "topics": ["behaviour", "risks"],
        "purpose": "For the assessment of risk",
        "further_questions": "Any adjudications?",
    }


@pytest.mark.parametrize(
    "query",
    [
        {"recipient_kind": "the governor"},
        {"organisation": "999999"},
        {"organisation": "not a number"},
        {"function": "window cleaner"},
        {"topics": ["behaviour", "the weather"]},
        {"purpose": "x" * 20_001},
        {"purpose": ""},
        {"colleague": "1" * 30},
        {"due_on": "2026-12-01", "due_on_day": "1"},
        {"unknown": "value"},
    ],
)
def test_values_a_field_refuses_are_left_out(query: dict[str, object]) -> None:
    assert InformationRequestForm.prefilled(_query(**query)).initial == {}


def test_a_partner_must_be_a_partner_organisation(organisations: dict[str, Organisation]) -> None:
    refused = InformationRequestForm.prefilled(_query(partner=organisations["prison"].pk))
    assert refused.initial == {}
    accepted = InformationRequestForm.prefilled(_query(partner=organisations["partner"].pk))
    assert accepted.initial == {"partner": organisations["partner"].pk}


def test_the_page_shows_the_values_and_saves_nothing(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    client_for: Callable[[User], Client],
) -> None:
    url = reverse("casework:request-new", args=[person.pk])
    query = urlencode(
        {
            "recipient_kind": "partner",
            "partner": organisations["partner"].pk,
            "topics": ["domestic abuse"],
            "purpose": "For the assessment of risk: police domestic abuse information",
        },
        doseq=True,
    )
    response = client_for(com).get(f"{url}?{query}")
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" not in body
    assert "For the assessment of risk: police domestic abuse information" in body
    assert 'name="recipient_kind" type="radio" value="partner" checked' in body
    assert 'name="topics" type="checkbox" value="domestic abuse" checked' in body
    assert f'value="{organisations["partner"].pk}" selected' in body
    assert 'value="behaviour" checked' not in body
    assert not InformationRequest.objects.exists()


def test_a_bad_value_in_the_address_shows_no_error(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    url = reverse("casework:request-new", args=[person.pk])
    response = client_for(com).get(f"{url}?recipient_kind=nobody&topics=gossip")
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" not in body
    assert " checked" not in body


def test_sending_the_filled_in_form_is_checked_as_usual(
    com: User,
    person: Person,
    make_user: Callable[..., User],
    client_for: Callable[[User], Client],
) -> None:
    colleague = make_user(Role.COM, "other_team")
    url = reverse("casework:request-new", args=[person.pk])
    response = client_for(com).post(
        f"{url}?recipient_kind=colleague&colleague={colleague.pk}",
        {"recipient_kind": "colleague", "topics": [Topic.CRIMINAL_RECORD]},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Select the colleague to ask" in body  # the query never stands in for the form
    assert "Enter why you are asking" in body
    assert not InformationRequest.objects.exists()
