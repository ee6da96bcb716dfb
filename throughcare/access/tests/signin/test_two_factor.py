"""Two-factor sign-in (issue 3): a password, then a code from an authenticator app, set up at
first sign-in. These tests sign in the long way, through the pages, with real TOTP codes;
everywhere else the `client_for` fixture gives a client that has already done so.
"""

from __future__ import annotations

import re
from base64 import b32decode
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.models import Role, User
from throughcare.people.models import Person

from .helpers import (
    CASELOAD,
    CODE,
    PASSWORD,
    SET_UP,
    SIGN_IN,
    code_for,
    sign_in,
    with_app,
    wrong_code,
)

pytestmark = pytest.mark.django_db


def test_password_then_code_signs_in(com: User) -> None:
    device = with_app(com)
    client = Client()
    response = sign_in(client, com)
    assert response.status_code == 302 and response["Location"] == CODE

    page = client.get(CODE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Enter your security code" in html
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html

    response = client.post(CODE, {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == CASELOAD
    assert client.get(CASELOAD).status_code == 200


def test_the_page_asked_for_is_kept_through_both_steps(com: User, person: Person) -> None:
    device = with_app(com)
    overview = reverse("record:overview", args=[person.pk])
    client = Client()
    assert client.get(overview)["Location"].startswith(SIGN_IN + "?next=")
    response = client.post(SIGN_IN, {"username": com.email, "password": PASSWORD, "next": overview})
    assert response["Location"].startswith(CODE + "?next=")
    response = client.post(CODE, {"code": code_for(device), "next": overview})
    assert response["Location"] == overview
    # Somewhere else entirely is not followed.
    other = Client()
    device = with_app(other_user := User.objects.create_user("x@test.example", PASSWORD))
    sign_in(other, other_user)
    response = other.post(CODE, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == CASELOAD


def test_a_wrong_code_is_refused_and_the_next_attempt_must_wait(com: User) -> None:
    device = with_app(com)
    client = Client()
    sign_in(client, com)

    response = client.post(CODE, {"code": wrong_code(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "The security code is not right" in html
    assert client.get(CASELOAD)["Location"].startswith(CODE)

    # django-otp's throttle: straight after a wrong code even the right one is refused...
    response = client.post(CODE, {"code": code_for(device)})
    assert response.status_code == 200
    assert "You have entered a wrong code too many times. Wait 1 second" in (
        response.content.decode()
    )
    # ...until the wait (1, 2, 4, 8... seconds) is over.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=2)
    )
    assert client.post(CODE, {"code": code_for(device)})["Location"] == CASELOAD


def test_a_code_works_once_only(com: User) -> None:
    device = with_app(com)
    first, second = Client(), Client()
    sign_in(first, com)
    sign_in(second, com)
    code = code_for(device)
    assert first.post(CODE, {"code": code})["Location"] == CASELOAD
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    assert second.post(CODE, {"code": code}).status_code == 200  # replayed: refused


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the security code"),
        ("12a456", "The security code must only include numbers"),
        ("12345", "Enter the security code, it is 6 numbers"),
    ],
)
def test_the_code_form_says_what_is_wrong(com: User, typed: str, message: str) -> None:
    with_app(com)
    client = Client()
    sign_in(client, com)
    html = client.post(CODE, {"code": typed}).content.decode()
    assert message in html
    assert "<title>Error: Enter your security code" in html


def test_first_sign_in_sets_up_an_authenticator_app(com: User) -> None:
    client = Client()
    response = sign_in(client, com)
    assert response["Location"] == SET_UP
    assert client.get(CODE)["Location"] == SET_UP  # no app yet: set-up first
    assert client.get(CASELOAD)["Location"].startswith(SET_UP)

    page = client.get(SET_UP)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Set up your authenticator app" in html
    assert re.search(r"<svg[^>]*role=\"img\"[^>]*aria-label=\"QR code", html)
    assert "style=" not in html and "<style" not in html
    device = TOTPDevice.objects.get(user=com)
    assert device.confirmed is False
    secret = re.search(r'data-testid="two-factor-secret">([A-Z2-7 ]+)<', html)
    assert secret is not None
    # The typed key is the device's secret, as an app would take it.
    assert b32decode(secret.group(1).replace(" ", "")) == device.bin_key
    # Reloading keeps the same secret (the app already scanned stays right).
    assert secret.group(1) in client.get(SET_UP).content.decode()

    response = client.post(SET_UP, {"code": code_for(device)})
    assert response["Location"] == CASELOAD
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(CASELOAD).status_code == 200
    # Once set up, the set-up page cannot add another app.
    assert client.get(SET_UP)["Location"] == CASELOAD
    again = Client()
    sign_in(again, com)
    assert again.get(SET_UP)["Location"] == CODE
    assert TOTPDevice.objects.filter(user=com).count() == 1


def test_a_wrong_code_at_set_up_leaves_the_app_unconfirmed(com: User) -> None:
    client = Client()
    sign_in(client, com)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=com)
    wrong = wrong_code(device)
    assert "The security code is not right" in client.post(SET_UP, {"code": wrong}).content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get(CASELOAD)["Location"].startswith(SET_UP)


def test_a_password_alone_reaches_no_page_of_case_data(
    com: User, person: Person, make_user: Callable[..., User]
) -> None:
    with_app(com)
    client = Client()
    sign_in(client, com)
    for url in (
        CASELOAD,
        reverse("record:overview", args=[person.pk]),
        reverse("caseload:search"),
        reverse("casework:activity", args=[person.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(CODE), url
    response = client.post(reverse("caseload:search"), {"q": person.family_name})
    assert response["Location"] == CODE
    # The admin site too.
    admin = make_user(Role.ADMIN, None)
    with_app(admin)
    admin_client = Client()
    sign_in(admin_client, admin)
    assert admin_client.get(reverse("admin:index"))["Location"].startswith(CODE)
    # Signing out is always possible.
    assert client.post(reverse("access:sign-out"))["Location"] == SIGN_IN
    assert client.get(CASELOAD)["Location"].startswith(SIGN_IN)


def test_the_client_for_fixture_gives_a_verified_session(
    client_for: Callable[[User], Client], com: User
) -> None:
    assert client_for(com).get(CASELOAD).status_code == 200
    plain = Client()
    plain.force_login(com)  # a password-only session, as far as the gate can tell
    assert plain.get(CASELOAD)["Location"].startswith(CODE)
