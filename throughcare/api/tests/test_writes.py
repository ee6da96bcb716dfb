"""Writes through the API: the same services as the pages; `Idempotency-Key` makes a retried
create return the first result; updates need `If-Match`; a session needs its CSRF token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from conftest import TODAY
from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent
from throughcare.casework.models import CaseNote
from throughcare.people.models import Person, Sentence

from .conftest import Api

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "given_name": "Api",
    "family_name": "Created",
    "date_of_birth": "1985-03-04",
    "sex": "female",
    "prison_number": "a1234bc",
}
NOTE = {"note_type": "contact", "occurred_on": str(TODAY), "text": "Called about housing"}


def test_a_person_added_through_the_api(com: User, api_for: Callable[..., Api]) -> None:
    response = api_for(com).post("/people", NEW_PERSON)
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.prison_number == "A1234BC"  # the service's own normalising
    assert person.com == com  # a COM adding someone holds the case
    assert response["Location"] == f"/api/v1/people/{person.pk}"
    assert response["ETag"] == '"v1"'
    assert AuditEvent.objects.filter(record_id=str(person.pk), operation="collection").exists()


def test_a_replayed_create_returns_the_first_result_and_adds_nobody(
    com: User, api_for: Callable[..., Api]
) -> None:
    api = api_for(com)
    first = api.post("/people", NEW_PERSON, **{"Idempotency-Key": "abc-1"})
    again = api.post("/people", NEW_PERSON, **{"Idempotency-Key": "abc-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert Person.objects.filter(family_name="Created").count() == 1


def test_the_same_key_with_another_body_is_refused(com: User, api_for: Callable[..., Api]) -> None:
    api = api_for(com)
    assert api.post("/people", NEW_PERSON, **{"Idempotency-Key": "k"}).status_code == 201
    other = api.post("/people", {**NEW_PERSON, "given_name": "Other"}, **{"Idempotency-Key": "k"})
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Person.objects.filter(family_name="Created").count() == 1


def test_keys_are_per_caller_and_per_endpoint(
    com: User,
    make_user: Callable[..., User],
    person: Person,
    api_for: Callable[..., Api],
) -> None:
    mine, colleague = api_for(com), api_for(make_user(Role.COM, "team"))
    assert mine.post("/people", NEW_PERSON, **{"Idempotency-Key": "k"}).status_code == 201
    second = colleague.post(
        "/people", {**NEW_PERSON, "prison_number": ""}, **{"Idempotency-Key": "k"}
    )
    assert second.status_code == 201
    note = mine.post(f"/people/{person.pk}/case-notes", NOTE, **{"Idempotency-Key": "k"})
    assert note.status_code == 201
    again = mine.post(f"/people/{person.pk}/case-notes", NOTE, **{"Idempotency-Key": "k"})
    assert again.json() == note.json()
    assert CaseNote.objects.filter(person=person).count() == 1


def test_a_failed_create_keeps_no_response(com: User, api_for: Callable[..., Api]) -> None:
    api = api_for(com)
    wrong = api.post(
        "/people", {**NEW_PERSON, "date_of_birth": "2026-11-30"}, **{"Idempotency-Key": "k"}
    )
    assert wrong.status_code == 422
    assert "date_of_birth" in wrong.json()["fields"]
    assert api.post("/people", NEW_PERSON, **{"Idempotency-Key": "k"}).status_code == 201


def test_sentence_and_note_created_with_idempotency(
    com: User, person: Person, api_for: Callable[..., Api]
) -> None:
    api = api_for(com)
    sentence = {"sentence_type": "sds", "sentence_date": "2026-01-05", "crd": "2027-02-01"}
    path = f"/people/{person.pk}/sentences"
    first = api.post(path, sentence, **{"Idempotency-Key": "s1"})
    assert first.status_code == 201, first.content
    assert api.post(path, sentence, **{"Idempotency-Key": "s1"}).json() == first.json()
    assert Sentence.objects.filter(person=person).count() == 2
    person.refresh_from_db()
    assert str(person.release_date) == "2027-02-01"


def test_an_update_needs_if_match(com: User, person: Person, api_for: Callable[..., Api]) -> None:
    api = api_for(com)
    response = api.patch(f"/people/{person.pk}", {"nationality": "Irish"})
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    person.refresh_from_db()
    assert person.nationality == ""


def test_an_update_with_the_current_etag_and_then_a_stale_one(
    com: User, make_user: Callable[..., User], person: Person, api_for: Callable[..., Api]
) -> None:
    api = api_for(com)
    tag = api.get(f"/people/{person.pk}")["ETag"]
    done = api.patch(f"/people/{person.pk}", {"nationality": "Irish"}, **{"If-Match": tag})
    assert done.status_code == 200, done.content
    assert done.json()["protected_characteristics"]["nationality"] == "Irish"
    assert done["ETag"] != tag
    stale = api.patch(f"/people/{person.pk}", {"first_language": "Welsh"}, **{"If-Match": tag})
    assert stale.status_code == 412
    assert stale.json()["code"] == "stale"
    assert "nationality" in stale.json()["fields"]
    person.refresh_from_db()
    assert person.first_language == ""
    nonsense = api.patch(f"/people/{person.pk}", {"first_language": "W"}, **{"If-Match": "x"})
    assert nonsense.status_code == 412


def test_an_update_refused_to_those_who_may_not_change_the_record(
    make_user: Callable[..., User], person: Person, api_for: Callable[..., Api]
) -> None:
    team = api_for(make_user(Role.COM, "team"))
    tag = team.get(f"/people/{person.pk}")["ETag"]
    response = team.patch(f"/people/{person.pk}", {"nationality": "x"}, **{"If-Match": tag})
    assert response.status_code == 403
    assert team.post(f"/people/{person.pk}/case-notes", NOTE).status_code == 403


def test_an_update_cannot_empty_a_required_field(
    com: User, person: Person, api_for: Callable[..., Api]
) -> None:
    api = api_for(com)
    tag = api.get(f"/people/{person.pk}")["ETag"]
    response = api.patch(f"/people/{person.pk}", {"given_name": None}, **{"If-Match": tag})
    assert response.status_code == 422
    assert "given_name" in response.json()["fields"]


def test_a_session_write_needs_the_csrf_token(
    com: User, person: Person, client_for: Callable[[User], Client]
) -> None:
    client = client_for(com)
    client.handler.enforce_csrf_checks = True
    session = Api(client)
    assert session.get(f"/people/{person.pk}").status_code == 200
    refused = session.post(f"/people/{person.pk}/case-notes", NOTE)
    assert refused.status_code == 403
    client.get("/api/v1/docs")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    allowed = session.post(f"/people/{person.pk}/case-notes", NOTE, **{"X-CSRFToken": token})
    assert allowed.status_code == 201, allowed.content


def test_an_anonymous_write_is_401_not_a_csrf_refusal(person: Person) -> None:
    response = Api(Client(enforce_csrf_checks=True)).post(f"/people/{person.pk}/case-notes", NOTE)
    assert response.status_code == 401


def test_administrators_and_partners_cannot_add_people(
    make_user: Callable[..., User],
    api_for: Callable[..., Any],
    client_for: Callable[[User], Client],
) -> None:
    partner = api_for(make_user(Role.PARTNER, "partner"))
    administrator = Api(client_for(make_user(Role.ADMIN, None)))  # no token: a session
    for api in (partner, administrator):
        assert api.post("/people", NEW_PERSON).status_code == 403
    assert not Person.objects.filter(family_name="Created").exists()
