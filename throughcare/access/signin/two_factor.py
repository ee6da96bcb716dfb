"""The second factor: a TOTP authenticator app per user, set up through an invitation
(throughcare.access.accounts.invitations), and recovery codes for when the phone is not to hand."""

from __future__ import annotations

import math
from base64 import b32encode
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access.models import User

from . import sessions

# The demo accounts printed by `make run` (throughcare.demo.builder.USERS).
DEMO_EMAIL_DOMAIN = "@throughcare.example"
# The stand-in device that marks a demo account's session verified without a code. It holds no
# tokens, so nothing can ever be verified against it.
DEMO_DEVICE_NAME = "Demo account: no second factor (development settings only)"
RECOVERY_DEVICE_NAME = "Recovery codes"  # throughcare.access.accounts.invitations


def two_factor_exempt(view: Any) -> Any:
    """Marks a view that a signed-in user may reach before the second factor: the set-up and
    code pages themselves."""
    view.two_factor_exempt = True
    return view


def demo_skip_allowed(user: User) -> bool:
    return bool(getattr(settings, "THROUGHCARE_DEMO_SKIP_TWO_FACTOR", False)) and (
        user.email.lower().endswith(DEMO_EMAIL_DOMAIN)
    )


def is_verified(request: HttpRequest) -> bool:
    """Whether this signed-in session has passed the second factor.

    django-otp's OTPMiddleware sets `request.user.otp_device` from the session. A session
    verified by the demo stand-in counts only while the demo switch is on; with the switch on,
    a demo account's session is verified here without a code.
    """
    user = request.user
    if not user.is_authenticated:
        return False
    assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
    device = getattr(user, "otp_device", None)
    if device is not None:
        return not (
            isinstance(device, StaticDevice)
            and device.name == DEMO_DEVICE_NAME
            and not demo_skip_allowed(user)
        )
    if demo_skip_allowed(user):
        demo_device, _ = StaticDevice.objects.get_or_create(
            user=user, name=DEMO_DEVICE_NAME, defaults={"confirmed": True}
        )
        otp_login(request, demo_device)
        return True
    return False


def app_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("id").first()


def recovery_device(user: User) -> StaticDevice | None:
    """The user's recovery codes (django-otp static tokens), if any are left."""
    return (
        StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, token_set__isnull=False)
        .distinct()
        .first()
    )


def wait_words(seconds: int) -> str:
    """How long to wait, as GOV.UK writes it: "one second", "4 seconds", "2 minutes"."""
    if seconds < 60:
        return "one second" if seconds <= 1 else f"{seconds} seconds"
    minutes = math.ceil(seconds / 60)
    return "one minute" if minutes == 1 else f"{minutes} minutes"


def check_code(user: User, device: Device, form: Any, *, wrong: str, again: str) -> Device | None:
    """The device if the code on the form is right; otherwise an error on the form (`wrong`).

    Each wrong code makes the next attempt wait (django-otp's throttling: 1, 2, 4, 8...
    seconds), and a code sent during the wait is not tried at all: the error says how long is
    left, in words, and what to do then (`again`, such as "enter the newest code from your
    app")."""
    allowed, details = device.verify_is_allowed()
    if not allowed and details and details.get("locked_until"):
        wait = (details["locked_until"] - timezone.now()).total_seconds()
        form.add_error(
            "code",
            f"You entered a wrong code just before. Wait {wait_words(max(1, math.ceil(wait)))}, "
            f"then {again}",
        )
        return None
    with transaction.atomic():
        verified = verify_token(user, device.persistent_id, form.cleaned_data["code"])
    if verified is None:
        form.add_error("code", wrong)
    return verified


def complete_sign_in(request: HttpRequest, device: Device) -> None:
    """The code was right: the session is verified, under a new session id."""
    otp_login(request, device)
    sessions.cycle_key(request)


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """Where to go once signed in: `next` if it is a page of this site, else the caseload."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def step_url(name: str, next_url: str | None) -> str:
    url = reverse(name)
    default = resolve_url(settings.LOGIN_REDIRECT_URL)
    if next_url and next_url != default:
        url += "?" + urlencode({"next": next_url})
    return url


def next_step_url(request: HttpRequest, next_url: str | None) -> str:
    """After the password: the page the user asked for if the session is verified, else the
    code page, or, when the user has no authenticator app, the page that says to use the
    invitation (it shows no secret: a password alone never sets up an app)."""
    if is_verified(request):
        return safe_next(request, next_url)
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - only called for a signed-in user
    if app_device(user) is None:
        return step_url("access:two-factor-set-up", next_url)
    return step_url("access:two-factor", next_url)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret key in base32, in groups of four, for apps that cannot scan a QR code."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// URL as an inline SVG QR code, drawn on the server.

    Plain SVG markup: no script, no style attribute, so the Content Security Policy needs no
    exception for it. Its text alternative points to the typed key shown beside it.
    """
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        border=4,
    )
    svg = ElementTree.fromstring(image.to_string(encoding="unicode"))  # noqa: S314 - our own SVG
    svg.set("width", "200")
    svg.set("height", "200")
    svg.set("role", "img")
    svg.set("aria-label", "QR code to scan with your authenticator app")
    svg.set("focusable", "false")
    ElementTree.register_namespace("", "http://www.w3.org/2000/svg")
    # Serialised by ElementTree, which escapes the one outside value in it (the email address
    # inside the otpauth URL); nothing in it comes from the request.
    return mark_safe(ElementTree.tostring(svg, encoding="unicode"))  # noqa: S308
