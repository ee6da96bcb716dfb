"""Read replicas: list and report pages read from a streaming standby when one is configured
(`DATABASE_REPLICA_URL`, the alias "replica"); everything else uses the primary ("default").

What goes to the replica: the reads made while a list or report page's view runs (the URL names
in `REPLICA_VIEWS`, GET and HEAD only), or inside `replica_reads()`. What always goes to the
primary:

- every write; the audit log, sessions, users and sign-in state (`PRIMARY_APPS`), reads too;
- every read once the request has written to a table that may be read from the replica (the
  request is pinned to the primary from that write on), every read in a request that is not GET
  or HEAD, and every read inside a transaction on the primary (it must see its own writes);
- for `DATABASE_REPLICA_PIN_SECONDS` after a request that wrote, the same browser's requests
  (a cookie): the page a form redirects to shows what the form saved, even if the standby is a
  moment behind;
- anything outside a request (commands, background tasks), unless inside `replica_reads()`;
- every read with `primary()`.

Without a replica configured, everything uses the primary and the router changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
# The list and report pages whose reads may come from the replica (namespaced URL names).
REPLICA_VIEWS = frozenset(
    {
        "caseload:caseload",
        "caseload:home",  # serves the landing page: the caseload, or an SPO's team view
        "caseload:search",
        "oversight:who-has-seen",
        "oversight:users",
        "oversight:user-activity",
        "oversight:unexpected-access",
        "oversight:account-changes",
    }
)
# Apps whose tables are always read on the primary: the audit log; sessions, users and their
# sign-in state (a session made a moment ago must be found); Django's own. Writing to them does
# not pin a request to the primary, as nothing reads them from the replica (a list page's
# audit events, a session's last activity).
PRIMARY_APPS = frozenset(
    {
        "audit",
        "sessions",
        "access",
        "auth",
        "contenttypes",
        "admin",
        "axes",
        "otp_totp",
        "otp_static",
    }
)
PIN_COOKIE = "throughcare_primary"
_SAFE_METHODS = ("GET", "HEAD")


@dataclass
class _Reads:
    replica: bool = False  # reads may go to the replica
    pinned: bool = False  # something was written: every read goes to the primary


_reads: ContextVar[_Reads | None] = ContextVar("throughcare_reads", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _in_transaction() -> bool:
    return bool(connections[PRIMARY].in_atomic_block)


def alias_for_read(model: Any = None) -> str:
    """Where a read of this model goes now."""
    reads = _reads.get()
    if (
        reads is None
        or not reads.replica
        or reads.pinned
        or not replica_configured()
        or (model is not None and model._meta.app_label in PRIMARY_APPS)
        or _in_transaction()
    ):
        return PRIMARY
    return REPLICA


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside may come from the replica (until something is written)."""
    token = _reads.set(_Reads(replica=True))
    try:
        yield
    finally:
        _reads.reset(token)


@contextmanager
def primary() -> Iterator[None]:
    """Every read inside goes to the primary."""
    token = _reads.set(_Reads(replica=False, pinned=True))
    try:
        yield
    finally:
        _reads.reset(token)


class ReplicaRouter:
    """The database router (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return alias_for_read(model)

    def db_for_write(self, model: Any, **hints: Any) -> str:
        reads = _reads.get()
        if reads is not None and model._meta.app_label not in PRIMARY_APPS:
            reads.pinned = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Lets the list and report pages read from the replica, and pins a request (and, for a
    few seconds, the browser's next requests) to the primary once it has written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pinned = request.method not in _SAFE_METHODS or PIN_COOKIE in request.COOKIES
        reads = _Reads(pinned=pinned)
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        seconds = int(getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", 5))
        wrote = request.method not in _SAFE_METHODS or (reads.pinned and not pinned)
        if replica_configured() and wrote and seconds > 0:
            response.set_cookie(
                PIN_COOKIE, "1", max_age=seconds, secure=request.is_secure(), httponly=True
            )
        return response

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        reads = _reads.get()
        match = request.resolver_match
        if reads is not None and match is not None and match.view_name in REPLICA_VIEWS:
            reads.replica = True
        return None
