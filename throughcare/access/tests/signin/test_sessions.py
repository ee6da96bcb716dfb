"""Sessions: a new id at each step of signing in, signed out after 30 minutes idle and 10 hours
after signing in, gone with the browser, ended when the account is disabled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User, UserSession
from throughcare.core import clock

from .helpers import (
    CODE,
    SIGN_IN,
    code_for,
    is_signed_in,
    sign_in,
    signed_in_fully,
    with_app,
)

pytestmark = pytest.mark.django_db


class Clock:
    """Moves Throughcare's clock on, for the session time-outs."""

    def advance(self, **delta: float) -> None:
        clock.advance(timedelta(**delta))


@pytest.fixture
def later() -> Iterator[Clock]:
    yield Clock()


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
