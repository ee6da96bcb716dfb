"""Django's database session store, reading a session with SQL built once per process
(`core.compiled`): the session is the first thing every request reads (`SESSION_ENGINE`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from throughcare.core.compiled import CompiledQuery


def _live(session_key: str, now: datetime.datetime) -> QuerySet[Session]:
    return Session.objects.filter(session_key=session_key, expire_date__gt=now)


_live_session = CompiledQuery(
    Session,
    _live,
    session_key=Session._meta.get_field("session_key"),
    now=Session._meta.get_field("expire_date"),
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        """As Django's: the session if it has not expired, else None (and no session key)."""
        session = _live_session.first(session_key=self.session_key, now=timezone.now())
        if session is None:
            self._session_key = None
        return session
