"""Two-factor sign-in (issue 3): a password, then a code from an authenticator app, set up at
first sign-in. These tests sign in the long way, through the pages, with real TOTP codes;
everywhere else the `client_for` fixture gives a client that has already done so.
"""

from __future__ import annotations

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
    HOME,
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
    assert response.status_code == 302 and response["Location"] == HOME
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
    assert response["Location"] == HOME


def test_a_wrong_code_is_refused_and_the_next_attempt_must_wait(com: User) -> None:
    device = with_app(com)
    client = Client()
    sign_in(client, com)

    response = client.post(CODE, {"code": wrong_code(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "The security code is not right" in html
    assert client.get(CASELOAD)["Location"].startswith(CODE)

    # django-otp's throttle: straight after a wrong code even the right one is refused, and
    # the page says in words how long to wait; one wrong code is not "too many times"...
    response = client.post(CODE, {"code": code_for(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "You entered a wrong code just before. Wait one second, then enter the newest code "
        "from your app"
    ) in html
    assert "too many times" not in html
    # ...until the wait (1, 2, 4, 8... seconds) is over.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=2)
    )
    assert client.post(CODE, {"code": code_for(device)})["Location"] == HOME


def test_a_code_works_once_only(com: User) -> None:
    device = with_app(com)
    first, second = Client(), Client()
    sign_in(first, com)
    sign_in(second, com)
    code = code_for(device)
    assert first.post(CODE, {"code": code})["Location"] == HOME
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


def test_a_password_alone_is_shown_no_secret_to_set_up_an_app(com: User) -> None:
    """An account with no authenticator app (new, or reset) is sent to a page that points to
    the invitation: no QR code, no key, no device made. Before, this page showed a secret that
    the owner would later confirm, so someone with only the password could capture it."""
    client = Client()
    response = sign_in(client, com)
    assert response["Location"] == SET_UP
    assert client.get(CODE)["Location"] == SET_UP  # no app yet
    assert client.get(CASELOAD)["Location"].startswith(SET_UP)
    for page in (client.get(SET_UP), client.post(SET_UP, {"code": "123456"})):
        html = page.content.decode()
        assert page.status_code == 200
        assert "Set up your authenticator app" in html
        assert "open the link in the invitation email" in html
        assert "two-factor-secret" not in html and "QR code" not in html
    assert not TOTPDevice.objects.filter(user=com).exists()
    assert client.get(CASELOAD)["Location"].startswith(SET_UP)
    # Once an app is set up (through the invitation), the page sends on to the code.
    with_app(com)
    assert client.get(SET_UP)["Location"] == CODE


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
