"""The session and the second-factor device, read on every request with SQL built once
(`session_store`, `middleware.OTPMiddleware`), behave as Django's and django-otp's own reads:
an expired or unknown session is no session, and a device that is gone, not confirmed, another
user's or not a device at all is no device."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.models import User
from throughcare.access.signin.middleware import OTPMiddleware
from throughcare.access.signin.session_store import SessionStore

from .helpers import is_signed_in, signed_in_fully, with_app

pytestmark = pytest.mark.django_db


def test_a_live_session_loads_as_djangos_store_loads_it() -> None:
    store = SessionStore()
    store["step"] = "signed in"
    store.create()
    key = store.session_key
    assert key is not None
    assert SessionStore(key).load() == DjangoStore(key).load() == {"step": "signed in"}


def test_an_expired_or_unknown_session_is_no_session() -> None:
    store = SessionStore()
    store["step"] = "signed in"
    store.create()
    key = store.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None


def verified(user: User, persistent_id: str | None) -> tuple[bool, object]:
    """What the middleware makes of a session naming this device (None: no device named)."""
    request = HttpRequest()
    request.session = SessionStore()
    if persistent_id is not None:
        request.session[DEVICE_ID_SESSION_KEY] = persistent_id
    request.user = user
    OTPMiddleware(lambda request: HttpResponse())(request)
    checked: Any = request.user
    return checked.is_verified(), checked.otp_device


def test_the_device_named_in_the_session_verifies_its_user_only(com: User, pom: User) -> None:
    device = with_app(com)
    assert verified(com, device.persistent_id) == (True, device)
    # Another user's device, an unconfirmed one, one gone, or no device model: no device.
    assert verified(pom, device.persistent_id) == (False, None)
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    assert verified(com, device.persistent_id) == (False, None)
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    assert verified(com, device.persistent_id) == (True, device)
    gone = device.persistent_id
    device.delete()
    for persistent_id in (gone, f"access.user/{com.pk}", "otp_totp.nothing/1", "nonsense", None):
        assert verified(com, persistent_id) == (False, None)


def test_signing_in_fully_still_verifies_and_losing_the_device_signs_out(com: User) -> None:
    client = signed_in_fully(com)
    assert is_signed_in(client)
    TOTPDevice.objects.filter(user=com).delete()
    assert not is_signed_in(client)
