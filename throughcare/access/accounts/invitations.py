"""The one-time invitation through which an account's owner sets their password and their
authenticator app (and is given recovery codes).

- `send` withdraws any earlier invitation, keeps only a hash of a new random token, and emails
  the link once the transaction commits. The link works until it expires
  (THROUGHCARE_INVITATION_VALID_FOR) and only until it has been used.
- Opening the link (`find`, then `start`) ties the invitation to that browser's session and the
  token leaves the address bar; the next pages read it from the session (`in_session`).
- `set_password`, then `pending_device` (a new secret, made for this session only), then
  `complete`: the app is confirmed, replacing any other, the invitation is used up, recovery
  codes are made, and the owner is told by email. All of it is audited.

Someone who has only the password never reaches any of this: without the link there is no
secret to see, and a secret is only accepted in the session it was shown to.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core import clock
from throughcare.notifications.email import send_after_commit, when

from ..models import Invitation, User

INVITATION = "user invitation"
ACCOUNT = "user account"
SECOND_FACTOR = "user's second factor"
SESSION_KEY = "throughcare.invitation"
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


class InvitationNotUsable(Exception):
    """The invitation has expired, been used, been withdrawn, or its account disabled."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link(token: str) -> str:
    return settings.THROUGHCARE_BASE_URL + reverse("access:invitation", args=[token])


def withdraw(user: User) -> int:
    """Withdraws the account's invitations that are still open."""
    return Invitation.objects.filter(user=user, used_at=None, withdrawn_at=None).update(
        withdrawn_at=clock.now()
    )


@transaction.atomic
def send(*, user: User, by: User | None, reason: str = "") -> str:
    """A new invitation for the account, emailed to its owner once the transaction commits.
    Returns the token (for `manage.py invite_user --print-link`)."""
    withdraw(user)
    now = clock.now()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        token_hash=_digest(token),
        created_at=now,
        expires_at=now + settings.THROUGHCARE_INVITATION_VALID_FOR,
    )
    audit.record(
        user=by,
        operation=Operation.COLLECTION,
        record_type=INVITATION,
        record_id=user.pk,
        recipient=user.email[:200],
        reason=reason or f"Invitation emailed, valid until {when(invitation.expires_at)}",
    )
    send_after_commit(
        to=user.email,
        subject="Set up your Throughcare account",
        template="access/email/invitation.txt",
        context={"user": user, "link": link(token), "expires": when(invitation.expires_at)},
    )
    return token


def usable(invitation: Invitation) -> bool:
    return (
        invitation.used_at is None
        and invitation.withdrawn_at is None
        and invitation.expires_at > clock.now()
        and invitation.user.is_active
    )


def find(token: str) -> Invitation | None:
    """The invitation the token opens, if it still can be used."""
    invitation = Invitation.objects.select_related("user").filter(token_hash=_digest(token)).first()
    return invitation if invitation is not None and usable(invitation) else None


def start(session: SessionBase, invitation: Invitation) -> None:
    session[SESSION_KEY] = {"id": invitation.pk, "password_set": False, "device": None}


def _state(session: SessionBase) -> dict[str, Any]:
    state = session.get(SESSION_KEY)
    return state if isinstance(state, dict) else {}


def in_session(session: SessionBase) -> Invitation | None:
    """The invitation this browser opened, if it still can be used."""
    invitation_id = _state(session).get("id")
    if not isinstance(invitation_id, int):
        return None
    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    return invitation if invitation is not None and usable(invitation) else None


def password_set(session: SessionBase) -> bool:
    return _state(session).get("password_set") is True


def finish(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


@transaction.atomic
def set_password(session: SessionBase, invitation: Invitation, password: str) -> None:
    """The owner's new password (already validated), in place of any before it."""
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(
        user=user,
        operation=Operation.ALTERATION,
        record_type=ACCOUNT,
        record_id=user.pk,
        reason="Password set through an invitation",
        fields=["password"],
    )
    session[SESSION_KEY] = {**_state(session), "password_set": True}


def pending_device(session: SessionBase, invitation: Invitation) -> TOTPDevice:
    """The authenticator app being set up in this session: the same secret on every visit
    (reloading does not break an app that has scanned it), and its own for every other session
    that opens the link. A code is only ever checked against the secret of the session it is
    entered in, and completing the invitation removes every other."""
    user = invitation.user
    device_id = _state(session).get("device")
    device = (
        TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
        if isinstance(device_id, int)
        else None
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
        session[SESSION_KEY] = {**_state(session), "device": device.pk}
    return device


@transaction.atomic
def complete(invitation_id: int, device: TOTPDevice) -> list[str]:
    """The code from the new app was right: the app becomes the account's only one, the
    invitation is used up, and new recovery codes are made and returned (shown once)."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=invitation_id)
    ).first()
    if invitation is None or not usable(invitation) or device.user_id != invitation.user_id:
        raise InvitationNotUsable
    user = invitation.user
    invitation.used_at = clock.now()
    invitation.save(update_fields=["used_at"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    audit.record(
        user=user,
        operation=Operation.COLLECTION,
        record_type=SECOND_FACTOR,
        record_id=user.pk,
        reason="Authenticator app set up through an invitation, with new recovery codes",
        fields=["authenticator app", "recovery codes"],
    )
    send_after_commit(
        to=user.email,
        subject="An authenticator app was added to your Throughcare account",
        template="access/email/device_added.txt",
        context={"user": user, "added": when(invitation.used_at)},
    )
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """Replaces the account's recovery codes (django-otp static tokens, each working once)."""
    StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.THROUGHCARE_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
