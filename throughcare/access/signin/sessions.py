"""Sessions: when each began and was last used, and which belong to whom.

Signing in stamps the session with the time (for the 10-hour limit) and records its key
against the user, so that disabling an account can end every session it has, on any session
engine, without reading every session in the database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.backends.base import SessionBase
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from throughcare.access.models import User, UserSession
from throughcare.core import clock

SIGNED_IN_AT = "throughcare.signed_in_at"
LAST_SEEN_AT = "throughcare.last_seen_at"
# The last-seen time is written at most this often, so that a page view does not always write
# the session. The idle limit counts from the time written, so it can only fall short (by at
# most this much), never run over.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


def _engine() -> Any:
    return import_module(settings.SESSION_ENGINE)


def expired(session: SessionBase, now: float) -> bool:
    """Idle for longer than the idle time-out, or signed in for longer than the absolute
    time-out. A signed-in session without the stamps (from before they existed) is expired."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if not isinstance(signed_in_at, int | float) or not isinstance(last_seen_at, int | float):
        return True
    idle = settings.THROUGHCARE_SESSION_IDLE_TIMEOUT.total_seconds()
    absolute = settings.THROUGHCARE_SESSION_ABSOLUTE_TIMEOUT.total_seconds()
    return now - last_seen_at >= idle or now - signed_in_at >= absolute


def ends_at(session: SessionBase) -> datetime | None:
    """When the session ends at the latest, however active it is (the absolute time-out)."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return None
    started = datetime.fromtimestamp(signed_in_at, tz=UTC)
    return started + settings.THROUGHCARE_SESSION_ABSOLUTE_TIMEOUT


def touch(session: SessionBase, now: float) -> None:
    last_seen_at = session.get(LAST_SEEN_AT, 0)
    if now - last_seen_at >= LAST_SEEN_RESOLUTION.total_seconds():
        session[LAST_SEEN_AT] = now


def now_timestamp() -> float:
    return clock.now().timestamp()


def cycle_key(request: HttpRequest) -> None:
    """A new session id for the same session, and the record of whose it is moved with it."""
    old_key = request.session.session_key
    request.session.cycle_key()
    UserSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)


def end_sessions(user: User) -> int:
    """Deletes every session the user has: they are signed out everywhere at once."""
    store = _engine().SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@receiver(user_logged_in, dispatch_uid="throughcare.signin.session_signed_in")
def _signed_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    # django.contrib.auth.login() has already given the session a new id (cycle_key or flush).
    now = clock.now()
    request.session[SIGNED_IN_AT] = now.timestamp()
    request.session[LAST_SEEN_AT] = now.timestamp()
    if request.session.session_key is None:
        request.session.save()
    stale = now - settings.THROUGHCARE_SESSION_ABSOLUTE_TIMEOUT
    UserSession.objects.filter(user=user, signed_in_at__lt=stale).delete()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "signed_in_at": now},
    )


@receiver(user_logged_out, dispatch_uid="throughcare.signin.session_signed_out")
def _signed_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    key = request.session.session_key if hasattr(request, "session") else None
    if key:
        UserSession.objects.filter(session_key=key).delete()


@receiver(post_save, sender=User, dispatch_uid="throughcare.signin.disabled_account")
def _account_saved(sender: Any, instance: User, **kwargs: Any) -> None:
    """Disabling an account ends its sessions at once."""
    if not instance.is_active:
        end_sessions(instance)
