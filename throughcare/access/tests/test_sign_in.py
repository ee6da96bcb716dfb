"""Signing in (issue 3): password then a code from an authenticator app, the lock-out, the
session time-outs, disabling an account, the security headers and the production settings.

These tests sign in the long way, through the pages, with real TOTP codes; everywhere else the
`client_for` fixture gives a client that has already done so.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.models import Role, User, UserSession
from throughcare.access.signin import lockout, two_factor
from throughcare.core import clock
from throughcare.people import demo
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
PASSWORD = "correct-horse-battery"  # conftest's make_user
SIGN_IN = reverse("access:sign-in")
CODE = reverse("access:two-factor")
SET_UP = reverse("access:two-factor-set-up")
CASELOAD = reverse("people:caseload")


# Helpers --------------------------------------------------------------------------------------


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app would show now (or `steps_ahead` 30-second steps on)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code the device refuses: none of those it accepts now (one step either side)."""
    accepted = {code_for(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def with_app(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def sign_in(
    client: Client, user: User | str, password: str = PASSWORD, ip: str = "10.0.0.1"
) -> Any:
    email = user if isinstance(user, str) else user.email
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def signed_in_fully(user: User) -> Client:
    client = Client()
    device = with_app(user)
    assert sign_in(client, user)["Location"] == CODE
    assert client.post(CODE, {"code": code_for(device)})["Location"] == CASELOAD
    return client


def is_signed_in(client: Client) -> bool:
    response = client.get(CASELOAD)
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN), response["Location"]
    return False


class Clock:
    """Moves Throughcare's clock on, for the session time-outs."""

    def advance(self, **delta: float) -> None:
        clock.advance(timedelta(**delta))


@pytest.fixture
def later() -> Iterator[Clock]:
    yield Clock()


# Two-factor sign-in ---------------------------------------------------------------------------


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
    overview = reverse("people:overview", args=[person.pk])
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
        reverse("people:overview", args=[person.pk]),
        reverse("people:search"),
        reverse("casework:activity", args=[person.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(CODE), url
    response = client.post(reverse("people:search"), {"q": person.family_name})
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


# Demo accounts ----------------------------------------------------------------------------------


def test_demo_accounts_are_the_ones_the_switch_covers() -> None:
    assert demo.USERS
    assert all(email.endswith(two_factor.DEMO_EMAIL_DOMAIN) for email, _, _ in demo.USERS)


def test_the_demo_switch_lets_demo_accounts_skip_the_code_and_nobody_else(
    organisations: dict, com: User
) -> None:
    demo_user = User.objects.create_user(
        "com.northbridge@throughcare.example",
        PASSWORD,
        full_name="Demo",
        role=Role.COM,
        organisation=organisations["team"],
    )
    client, other = Client(), Client()
    with override_settings(THROUGHCARE_DEMO_SKIP_TWO_FACTOR=True):
        assert sign_in(client, demo_user)["Location"] == CASELOAD
        assert client.get(CASELOAD).status_code == 200
        assert sign_in(other, com)["Location"] == SET_UP  # not a demo account
    # Without the switch (the test and production settings) the demo session is not verified.
    assert client.get(CASELOAD)["Location"].startswith(SET_UP)
    fresh = Client()
    assert sign_in(fresh, demo_user)["Location"] == SET_UP


def test_the_settings_leave_the_demo_switch_off_except_in_development() -> None:
    from django.conf import settings

    assert settings.THROUGHCARE_DEMO_SKIP_TWO_FACTOR is False  # the test settings


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "THROUGHCARE_DEMO", "THROUGHCARE_AUDIT"))
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SECRET = "a-long-random-test-secret-" + "k" * 40
AUDIT_KEYS = "deploy-check:" + "a-long-random-audit-key-" + "a" * 40


def test_production_settings_refuse_the_demo_switch() -> None:
    result = _python(
        "import throughcare.settings.production",
        DJANGO_SECRET_KEY=SECRET,
        THROUGHCARE_AUDIT_KEYS=AUDIT_KEYS,
        THROUGHCARE_DEMO_SKIP_TWO_FACTOR="1",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "THROUGHCARE_DEMO_SKIP_TWO_FACTOR" in result.stderr

    result = _python(
        "import throughcare.settings.production as s; print(s.THROUGHCARE_DEMO_SKIP_TWO_FACTOR,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)",
        DJANGO_SECRET_KEY=SECRET,
        THROUGHCARE_AUDIT_KEYS=AUDIT_KEYS,
    )
    assert result.returncode == 0, result.stderr
    skip, hsts, redirect, secure_cookie = result.stdout.split()
    assert skip == "False" and int(hsts) >= 31_536_000
    assert redirect == "True" and secure_cookie == "True"


def test_development_settings_turn_the_demo_switch_on() -> None:
    result = _python(
        "import throughcare.settings.development as s; print(s.THROUGHCARE_DEMO_SKIP_TWO_FACTOR)"
    )
    assert result.stdout.strip() == "True", result.stderr


def test_check_deploy_refuses_the_demo_switch() -> None:
    with override_settings(THROUGHCARE_DEMO_SKIP_TWO_FACTOR=True):
        ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "access.E001" in ids
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "access.E001" not in ids


def test_check_deploy_is_clean_with_the_production_settings() -> None:
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=throughcare.settings.production",
        ],
        cwd=REPO,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("DJANGO_", "THROUGHCARE_AUDIT"))
            },
            "DJANGO_SECRET_KEY": "".join(chr(33 + (i * 7) % 90) for i in range(60)),
            "THROUGHCARE_AUDIT_KEYS": AUDIT_KEYS,
            "DJANGO_ALLOWED_HOSTS": "throughcare.example.gov.uk",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# Lock-out ---------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_that_email_address_at_that_address_only(
    com: User, pom: User
) -> None:
    client = Client()
    for attempt in range(1, 5):
        response = sign_in(client, com, password="wrong-password-123")
        assert response.status_code == 200, attempt
        assert "Enter a correct email address and password" in response.content.decode()
    response = sign_in(client, com, password="wrong-password-123")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You’ve tried to sign in too many times" in html
    assert "15 minutes" in html

    # Locked: even the right password is refused, from that address.
    assert sign_in(client, com).status_code == 429
    # The same person from anywhere else still signs in (an attacker elsewhere locks only
    # their own address and that email address together).
    assert sign_in(Client(), com, ip="10.0.0.2")["Location"] in (CODE, SET_UP)
    # Someone else at the locked address is not affected.
    assert sign_in(Client(), pom)["Location"] in (CODE, SET_UP)


def test_the_lock_out_does_not_say_whether_an_account_exists() -> None:
    client = Client()
    responses = [
        sign_in(client, "nobody@test.example", password="wrong-password-123") for _ in range(5)
    ]
    assert responses[-1].status_code == 429
    assert "You’ve tried to sign in too many times" in responses[-1].content.decode()


def test_the_lock_out_ends_15_minutes_after_it_began_whatever_is_tried_meanwhile(
    com: User,
) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, com, password="wrong-password-123")
    attempt = AccessAttempt.objects.get(username=com.email, ip_address="10.0.0.1")
    locked_at = attempt.attempt_time
    # Trying again during the lock-out does not extend it.
    for _ in range(3):
        assert sign_in(client, com, password="wrong-password-123").status_code == 429
    attempt.refresh_from_db()
    assert attempt.attempt_time == locked_at and attempt.failures_since_start == 5

    # 14 minutes on: still locked. 15 minutes on: the right password works again.
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=locked_at - timedelta(minutes=14)
    )
    assert sign_in(client, com).status_code == 429
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=locked_at - timedelta(minutes=15, seconds=1)
    )
    assert sign_in(client, com)["Location"] in (CODE, SET_UP)


def test_a_right_password_clears_the_count(com: User) -> None:
    client = Client()
    for _ in range(4):
        sign_in(client, com, password="wrong-password-123")
    assert sign_in(client, com)["Location"] in (CODE, SET_UP)
    assert not AccessAttempt.objects.filter(username=com.email).exists()
    for _ in range(4):
        assert sign_in(Client(), com, password="wrong-password-123").status_code == 200


def test_the_lock_out_counts_the_email_address_whatever_its_case(com: User) -> None:
    client = Client()
    for n in range(5):
        email = com.email.upper() if n % 2 else com.email
        response = sign_in(client, email, password="wrong-password-123")
    assert response.status_code == 429


def test_the_client_address_is_the_one_the_trusted_proxy_saw() -> None:
    request = RequestFactory().post(
        SIGN_IN, REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    with override_settings(THROUGHCARE_TRUSTED_PROXIES=0):
        assert lockout.client_ip(request) == "192.0.2.9"
    with override_settings(THROUGHCARE_TRUSTED_PROXIES=1):
        assert lockout.client_ip(request) == "203.0.113.7"  # never the made-up 6.6.6.6
    with override_settings(THROUGHCARE_TRUSTED_PROXIES=2):
        assert lockout.client_ip(request) == "6.6.6.6"
    with override_settings(THROUGHCARE_TRUSTED_PROXIES=3):
        assert lockout.client_ip(request) == "192.0.2.9"  # too few entries: the proxy itself


@override_settings(THROUGHCARE_TRUSTED_PROXIES=1)
def test_behind_the_proxy_a_made_up_forwarded_address_does_not_escape_the_lock_out(
    com: User,
) -> None:
    client = Client()
    for n in range(5):
        response = client.post(
            SIGN_IN,
            {"username": com.email, "password": "wrong-password-123"},
            REMOTE_ADDR="192.0.2.9",
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.7",
        )
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username=com.email).ip_address == "203.0.113.7"


# Sessions ---------------------------------------------------------------------------------------


def test_the_session_id_changes_at_sign_in_and_again_after_the_code(com: User) -> None:
    device = with_app(com)
    client = Client()
    client.get(SIGN_IN)
    session = client.session
    session["before"] = "sign-in"
    session.save()
    anonymous_key = session.session_key
    assert anonymous_key

    sign_in(client, com)
    password_key = client.session.session_key
    assert password_key != anonymous_key
    assert not Session.objects.filter(session_key=anonymous_key).exists()

    client.post(CODE, {"code": code_for(device)})
    verified_key = client.session.session_key
    assert verified_key not in (anonymous_key, password_key)
    assert not Session.objects.filter(session_key=password_key).exists()
    assert UserSession.objects.get(user=com).session_key == verified_key


def test_30_minutes_idle_signs_out(com: User, later: Clock) -> None:
    client = signed_in_fully(com)
    later.advance(minutes=29)
    assert is_signed_in(client)
    later.advance(minutes=29)  # 58 minutes signed in, but active 29 minutes ago
    assert is_signed_in(client)
    later.advance(minutes=30, seconds=1)
    assert not is_signed_in(client)
    assert not UserSession.objects.filter(user=com).exists()
    # Signed out for good: going back in time does not bring the session back.
    later.advance(minutes=-60)
    assert not is_signed_in(client)


def test_10_hours_after_signing_in_signs_out_however_active(com: User, later: Clock) -> None:
    client = signed_in_fully(com)
    for _ in range(23):  # a request every 25 minutes: 9 hours 35 minutes
        later.advance(minutes=25)
        assert is_signed_in(client)
    later.advance(minutes=24)  # 9 hours 59 minutes
    assert is_signed_in(client)
    later.advance(minutes=1, seconds=1)  # 10 hours
    assert not is_signed_in(client)


def test_a_session_without_sign_in_times_is_ended(com: User) -> None:
    client = signed_in_fully(com)
    session = client.session
    del session["throughcare.signed_in_at"]
    session.save()
    assert not is_signed_in(client)


def test_the_session_cookie_goes_with_the_browser(com: User) -> None:
    client = signed_in_fully(com)
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]
    assert cookie["httponly"]


def test_disabling_an_account_ends_its_sessions(
    com: User, client_for: Callable[[User], Client]
) -> None:
    first, second = signed_in_fully(com), client_for(com)
    keys = set(UserSession.objects.filter(user=com).values_list("session_key", flat=True))
    assert len(keys) == 2 and Session.objects.filter(session_key__in=keys).count() == 2

    com.is_active = False
    com.save()
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=com).exists()
    assert not is_signed_in(first) and not is_signed_in(second)
    # Enabling it again does not bring the sessions back, and the password alone is refused
    # while it is disabled.
    assert sign_in(Client(), com).status_code == 200
    com.is_active = True
    com.save()
    assert not is_signed_in(first)


def test_signing_out_forgets_the_session(com: User) -> None:
    client = signed_in_fully(com)
    assert UserSession.objects.filter(user=com).count() == 1
    client.post(reverse("access:sign-out"))
    assert not UserSession.objects.filter(user=com).exists()


def test_old_session_records_are_tidied_at_sign_in(com: User) -> None:
    UserSession.objects.create(
        user=com, session_key="x" * 32, signed_in_at=clock.now() - timedelta(hours=11)
    )
    signed_in_fully(com)
    assert list(UserSession.objects.filter(user=com).values_list("session_key", flat=True)) != [
        "x" * 32
    ]
    assert not UserSession.objects.filter(session_key="x" * 32).exists()


# Passwords --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short-pass1", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("qwertyuiop123", "This password is too common."),
        ("839201746352", "This password is entirely numeric."),
    ],
)
def test_weak_passwords_are_refused(password: str, problem: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert problem in refused.value.messages


def test_a_long_uncommon_password_is_accepted(com: User) -> None:
    validate_password("lantern-orchard-gravel-42", user=com)


# Headers ----------------------------------------------------------------------------------------


def test_case_pages_carry_the_security_headers(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    client = client_for(com)
    for url in (CASELOAD, reverse("people:overview", args=[person.pk])):
        response = client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        directives = dict(
            (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
        )
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "same-origin"


def test_the_sign_in_pages_carry_the_policy_too(com: User) -> None:
    client = Client()
    assert "frame-ancestors 'none'" in client.get(SIGN_IN)["Content-Security-Policy"]
    sign_in(client, com)
    response = client.get(SET_UP)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"  # the page shows the app's secret key


@override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_https_responses_carry_hsts_as_production_sets_it() -> None:
    response = Client().get(SIGN_IN, secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_our_sign_in_templates_have_no_inline_script_or_style() -> None:
    folder = REPO / "throughcare" / "access" / "templates" / "access"
    for name in ("two_factor_set_up.html", "two_factor_code.html", "lockout.html"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "style=" not in text and "<style" not in text, name
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), name
