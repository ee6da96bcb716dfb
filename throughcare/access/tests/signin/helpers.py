"""Signing in the long way, through the pages, with real TOTP codes: what the sign-in tests
share."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.models import User

REPO = Path(__file__).resolve().parents[4]
PASSWORD = "correct-horse-battery"  # conftest's make_user
SIGN_IN = reverse("access:sign-in")
CODE = reverse("access:two-factor")
SET_UP = reverse("access:two-factor-set-up")
CASELOAD = reverse("caseload:caseload")
HOME = reverse("caseload:home")  # where signing in leads: the role's landing page


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
    assert client.post(CODE, {"code": code_for(device)})["Location"] == HOME
    return client


def is_signed_in(client: Client) -> bool:
    response = client.get(CASELOAD)
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN), response["Location"]
    return False
