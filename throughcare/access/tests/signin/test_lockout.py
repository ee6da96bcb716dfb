"""The lock-out: five wrong passwords for one email address from one address lock that pair,
for 15 minutes, without saying whether the account exists.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings

from throughcare.access.models import User
from throughcare.access.signin import lockout

from .helpers import (
    CODE,
    SET_UP,
    SIGN_IN,
    sign_in,
)

pytestmark = pytest.mark.django_db


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
