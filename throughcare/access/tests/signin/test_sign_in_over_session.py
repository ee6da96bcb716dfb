"""Signing in while someone is already signed in in the same browser (issue 7, item 13): the
posted email address and password are checked, and the first person's session ends whatever
the outcome, so the wrong person is never left signed in."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User, UserSession
from throughcare.people.models import Person

from .helpers import (
    CODE,
    PASSWORD,
    SET_UP,
    SIGN_IN,
    code_for,
    is_signed_in,
    sign_in,
    signed_in_fully,
    with_app,
)

pytestmark = pytest.mark.django_db


def _session_user(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def test_signing_in_as_someone_else_ends_the_first_session(
    com: User, make_user: Callable[..., User]
) -> None:
    other = make_user(Role.POM, "prison")
    with_app(other)
    client = signed_in_fully(com)
    first_key = client.session.session_key
    assert is_signed_in(client)

    response = sign_in(client, other)
    assert response.status_code == 302 and response["Location"] == CODE  # their own code next
    assert _session_user(client) == str(other.pk)
    assert not Session.objects.filter(session_key=first_key).exists()
    assert not UserSession.objects.filter(user=com).exists()
    assert not is_signed_in(client)  # the second person still has their code to enter


def test_a_wrong_password_for_someone_else_leaves_nobody_signed_in(
    com: User, make_user: Callable[..., User]
) -> None:
    other = make_user(Role.POM, "prison")
    client = signed_in_fully(com)
    first_key = client.session.session_key

    response = sign_in(client, other, password="not-their-password")
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()
    assert _session_user(client) is None
    assert not Session.objects.filter(session_key=first_key).exists()
    assert not is_signed_in(client)


def test_a_password_only_session_is_ended_by_signing_in_as_someone_else(
    com: User, make_user: Callable[..., User]
) -> None:
    """Half signed in (password, no code yet): posting another person's details signs in as
    them, not on to the first person's code page."""
    with_app(com)
    other = make_user(Role.POM, "prison")
    client = Client()
    assert sign_in(client, com)["Location"] == CODE

    response = sign_in(client, other)
    assert response.status_code == 302 and response["Location"] == SET_UP  # no app yet
    assert _session_user(client) == str(other.pk)
    assert not UserSession.objects.filter(user=com).exists()


def test_signing_in_again_as_the_same_person_asks_for_the_code_again(com: User) -> None:
    client = signed_in_fully(com)
    response = sign_in(client, com)
    assert response.status_code == 302 and response["Location"] == CODE
    assert _session_user(client) == str(com.pk)
    assert not is_signed_in(client)
    assert UserSession.objects.filter(user=com).count() == 1


def test_the_sign_in_page_still_sends_a_signed_in_user_on(com: User) -> None:
    client = signed_in_fully(com)
    response = client.get(SIGN_IN)
    assert response.status_code == 302
    assert is_signed_in(client)


def _csrf_token(response: Any) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match, "no CSRF token on the page"
    return match.group(1)


def test_a_sign_in_page_left_open_while_someone_signed_in_gets_a_clear_page(
    com: User, make_user: Callable[..., User]
) -> None:
    """With the CSRF check on, as in a browser: signing in changes the token, so the page left
    open is refused. The refusal is the sign-in page again, saying who is signed in, and
    signing in from it signs them out."""
    other = make_user(Role.POM, "prison")
    device, _ = with_app(com), with_app(other)
    client = Client(enforce_csrf_checks=True)
    left_open = _csrf_token(client.get(SIGN_IN))
    signing_in = _csrf_token(client.get(SIGN_IN))
    client.post(
        SIGN_IN, {"username": com.email, "password": PASSWORD, "csrfmiddlewaretoken": signing_in}
    )
    page = client.get(CODE)
    client.post(CODE, {"code": code_for(device), "csrfmiddlewaretoken": _csrf_token(page)})
    assert is_signed_in(client)

    refused = client.post(
        SIGN_IN,
        {"username": other.email, "password": PASSWORD, "csrfmiddlewaretoken": left_open},
    )
    body = refused.content.decode()
    assert refused.status_code == 403
    assert f"{com.full_name} is already signed in on this browser" in body
    assert f'value="{other.email}"' in body
    assert PASSWORD not in body
    assert is_signed_in(client)  # nothing done on a post that failed the check

    again = client.post(
        SIGN_IN,
        {
            "username": other.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": _csrf_token(refused),
        },
    )
    assert again.status_code == 302 and again["Location"] == CODE
    assert _session_user(client) == str(other.pk)
    assert not UserSession.objects.filter(user=com).exists()


def test_other_pages_keep_djangos_refusal_of_a_failed_csrf_check(
    com: User, client_for: Callable[[User], Client], person: Person
) -> None:
    client = client_for(com)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("record:alias-create", args=[person.pk]), {"given_name": "X"})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()
    assert not person.aliases.exists()
