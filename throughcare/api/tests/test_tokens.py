"""API tokens: stored hashed, shown once, scoped, expiring, revocable, audited; and a token
acts as its service account, to which the access policy applies as on the pages."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from throughcare.access.models import Role, User
from throughcare.api import services
from throughcare.api.models import ApiToken, Scope
from throughcare.audit.models import AuditEvent
from throughcare.core import clock
from throughcare.core.errors import Invalid
from throughcare.people.models import Person

from .conftest import Api

pytestmark = pytest.mark.django_db


def test_only_a_hash_of_the_token_is_kept(com: User, make_token: Callable[..., Any]) -> None:
    token, value = make_token(com)
    assert value.startswith(f"tc_{token.prefix}_")
    assert len(value) > 50
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.secret_hash == hashlib.sha256(value.encode()).hexdigest()
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(value not in str(field) for field in row.values())


def test_creating_and_revoking_are_audited(com: User, make_token: Callable[..., Any]) -> None:
    token, _ = make_token(com)
    services.revoke_api_token(by=None, token=token)
    services.revoke_api_token(by=None, token=token)  # again: nothing more written
    events = AuditEvent.objects.filter(record_type="api token", record_id=str(token.pk))
    assert [e.operation for e in events] == ["collection", "alteration"]
    assert com.email in events[0].reason


def test_the_command_prints_the_token_once(com: User, person: Person) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_token",
        "Prison system",
        user=com.email,
        scope=["people:read"],
        days=10,
        stdout=out,
        stderr=err,
    )
    value = out.getvalue().strip()
    assert "shown only this once" in err.getvalue()
    assert value not in err.getvalue()
    response = Api(Client(), value).get(f"/people/{person.pk}")
    assert response.status_code == 200
    call_command("revoke_api_token", value.split("_")[1], stderr=io.StringIO())
    assert Api(Client(), value).get(f"/people/{person.pk}").status_code == 401


def test_no_token_unknown_token_and_bad_format_are_401(person: Person, com: User) -> None:
    for token in (None, "tc_nothere_abcdef", "not-a-token", "tc__"):
        response = Api(Client(), token).get(f"/people/{person.pk}")
        assert response.status_code == 401, token
        assert response.json()["code"] == "unauthenticated"


def test_a_token_with_a_wrong_secret_is_401(
    person: Person, com: User, make_token: Callable[..., Any]
) -> None:
    token, value = make_token(com)
    response = Api(Client(), value[:-4] + "AAAA").get(f"/people/{person.pk}")
    assert response.status_code == 401


def test_an_expired_token_is_401(person: Person, com: User, make_token: Callable[..., Any]) -> None:
    _, value = make_token(com, days=1)
    api = Api(Client(), value)
    assert api.get(f"/people/{person.pk}").status_code == 200
    clock.advance(timedelta(days=1, seconds=1))
    response = api.get(f"/people/{person.pk}")
    assert response.status_code == 401
    assert response.json()["message"] == "The API token has expired"


def test_a_revoked_token_is_401_at_once(
    person: Person, com: User, make_token: Callable[..., Any]
) -> None:
    token, value = make_token(com)
    api = Api(Client(), value)
    assert api.get(f"/people/{person.pk}").status_code == 200
    services.revoke_api_token(by=None, token=token)
    response = api.get(f"/people/{person.pk}")
    assert response.status_code == 401
    assert response.json()["message"] == "The API token has been revoked"


def test_a_disabled_service_account_is_401(
    person: Person, com: User, make_token: Callable[..., Any]
) -> None:
    _, value = make_token(com)
    User.objects.filter(pk=com.pk).update(is_active=False)
    assert Api(Client(), value).get(f"/people/{person.pk}").status_code == 401


def test_a_token_without_the_scope_is_403(
    person: Person, com: User, api_for: Callable[..., Api]
) -> None:
    api = api_for(com, (Scope.PEOPLE_READ,))
    assert api.get(f"/people/{person.pk}").status_code == 200
    refused = api.get(f"/people/{person.pk}/case-notes")
    assert refused.status_code == 403
    assert refused.json()["code"] == "refused"
    note = {"note_type": "contact", "occurred_on": "2026-11-20", "text": "Called"}
    assert api.post(f"/people/{person.pk}/case-notes", note).status_code == 403


def test_a_token_without_the_persons_team_sees_nothing(
    person: Person, make_user: Callable[..., User], api_for: Callable[..., Api]
) -> None:
    elsewhere = api_for(make_user(Role.COM, "other_team"))
    response = elsewhere.get(f"/people/{person.pk}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found", "fields": {}}
    assert elsewhere.get("/people").json()["items"] == []
    # Refused and audited as a consultation through the API.
    event = AuditEvent.objects.filter(person_id=person.pk, outcome="refused").latest("id")
    assert "channel: api" in event.reason


def test_tokens_need_an_active_case_account_and_a_future_expiry(com: User) -> None:
    admin = User.objects.create_user("a@test.example", "x", full_name="Admin", role=Role.ADMIN)
    with pytest.raises(Invalid) as problems:
        services.create_api_token(
            by=None,
            details=services.NewApiToken(
                name=" ", user=admin, scopes=("nope",), expires_at=clock.now()
            ),
        )
    assert set(problems.value.fields) == {"name", "user", "scopes", "expires_at"}
