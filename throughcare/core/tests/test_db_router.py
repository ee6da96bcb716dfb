"""Read replicas: list and report pages read from the replica, writes, the audit log and reads
that must see their own writes from the primary.

The decisions are tested everywhere (no database needed: the replica is only said to exist).
The reads through a real PostgreSQL streaming standby run when DATABASE_REPLICA_URL names one,
as `.ci/run` does after `scripts/standby.sh start`; there they must pass, and a standby that
cannot be reached fails them. Without it they check that every read uses the primary.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import dj_database_url
import pytest
from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent
from throughcare.audit.verify import verify_chain
from throughcare.core import db_router
from throughcare.core.db_router import PRIMARY, REPLICA
from throughcare.people import services as people_services
from throughcare.people.commands import NewAlias
from throughcare.people.models import Alias, Person

STANDBY_URL = os.environ.get("DATABASE_REPLICA_URL", "")
# The databases the standby's tests use: the replica alias exists only when one is configured.
BOTH = [PRIMARY, REPLICA] if STANDBY_URL else [PRIMARY]
router = db_router.ReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    """The router behaves as with a replica configured (no query is run)."""
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def test_without_a_replica_every_read_goes_to_the_primary() -> None:
    if STANDBY_URL:
        assert REPLICA in settings.DATABASES  # the standby run: the alias must be there
        return
    assert REPLICA not in settings.DATABASES
    with db_router.replica_reads():
        assert router.db_for_read(Person) == PRIMARY


def test_list_reads_go_to_the_replica_and_the_rest_to_the_primary(with_replica: None) -> None:
    assert router.db_for_read(Person) == PRIMARY  # outside a page or replica_reads()
    with db_router.replica_reads():
        assert router.db_for_read(Person) == REPLICA
        assert router.db_for_read(Alias) == REPLICA
        # The audit log, users and sessions: always the primary.
        assert router.db_for_read(AuditEvent) == PRIMARY
        assert router.db_for_read(User) == PRIMARY
        with db_router.primary():
            assert router.db_for_read(Person) == PRIMARY
    assert router.db_for_write(Person) == PRIMARY
    assert router.allow_migrate(REPLICA, "people") is False
    assert router.allow_migrate(PRIMARY, "people") is True


def test_a_write_pins_the_rest_of_the_request_to_the_primary(with_replica: None) -> None:
    with db_router.replica_reads():
        router.db_for_write(AuditEvent)  # the audit of a list page does not pin it...
        assert router.db_for_read(Person) == REPLICA
        router.db_for_write(Alias)  # ...a change to case data does: it must be read back
        assert router.db_for_read(Person) == PRIMARY


def _page(method: str, url: str, cookies: dict[str, str] | None = None) -> tuple[str, Any]:
    """What a view at this URL reads from, through the middleware, and the response."""
    seen: dict[str, str] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["before"] = router.db_for_read(Person)
        if request.GET.get("write"):
            router.db_for_write(Alias)
        return HttpResponse("ok")

    middleware = db_router.ReplicaReadsMiddleware(view)
    request = getattr(RequestFactory(), method.lower())(url)
    request.COOKIES.update(cookies or {})
    request.resolver_match = resolve(url.split("?")[0])

    def get_response(request: HttpRequest) -> HttpResponse:
        middleware.process_view(request, view, (), {})
        return view(request)

    middleware.get_response = get_response
    response = middleware(request)
    return seen["before"], response


def test_the_middleware_sends_list_pages_reads_to_the_replica(with_replica: None) -> None:
    caseload, search = reverse("caseload:caseload"), reverse("caseload:search")
    assert _page("GET", caseload)[0] == REPLICA
    assert _page("GET", search)[0] == REPLICA
    assert _page("GET", reverse("oversight:unexpected-access"))[0] == REPLICA
    # Not a list page; not a GET; the browser wrote a moment ago.
    assert _page("GET", reverse("caseload:create"))[0] == PRIMARY
    assert _page("POST", search)[0] == PRIMARY
    assert _page("GET", caseload, {db_router.PIN_COOKIE: "1"})[0] == PRIMARY
    # A request that wrote pins the browser to the primary for a few seconds.
    _, response = _page("GET", caseload + "?write=1")
    assert (
        response.cookies[db_router.PIN_COOKIE]["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS
    )
    _, response = _page("GET", caseload)
    assert db_router.PIN_COOKIE not in response.cookies


# Through a real streaming standby -----------------------------------------------------------


@pytest.fixture
def standby(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The replica alias pointed at the standby's copy of the test database (the suite made it
    a mirror of the default one, to create no database on a standby, which cannot)."""
    replica = connections[REPLICA]
    mirrored = replica.settings_dict
    server = dj_database_url.parse(STANDBY_URL)
    replica.close()
    replica.settings_dict = {
        **connections[PRIMARY].settings_dict,
        **{key: server[key] for key in ("HOST", "PORT", "USER", "PASSWORD")},
    }
    yield replica
    replica.close()
    replica.settings_dict = mirrored


def _one(alias: str, sql: str, params: list[Any] | None = None) -> Any:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def _caught_up() -> None:
    """Waits until the standby has replayed everything the primary has written so far.

    The insert position, not the write position: the test settings commit without waiting for
    the disk (synchronous_commit=off), so a commit may still sit in the WAL buffers, before the
    write position, until the WAL writer flushes it (and only then is it sent to the standby)."""
    written = _one(PRIMARY, "SELECT pg_current_wal_insert_lsn()::text")
    deadline = time.monotonic() + 60
    while not _one(REPLICA, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written]):
        assert time.monotonic() < deadline, "the standby did not catch up in 60 s"
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_list_page_reads_from_the_standby_and_audits_on_the_primary(
    request: pytest.FixtureRequest, client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    if not STANDBY_URL:
        assert router.db_for_read(Person) == PRIMARY
        return
    request.getfixturevalue("standby")
    assert _one(REPLICA, "SELECT pg_is_in_recovery()") is True  # a standby, not the primary
    assert _one(REPLICA, "SELECT current_database()") == connections[PRIMARY].settings_dict["NAME"]
    client = client_for(com)
    _caught_up()
    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get(reverse("caseload:caseload"))
    assert response.status_code == 200
    assert person.family_name in response.content.decode()  # read from the standby
    assert any("people_person" in query["sql"] for query in on_replica.captured_queries)
    assert not any("audit_auditevent" in query["sql"] for query in on_replica.captured_queries)
    # The consultation was recorded on the primary, in its chain.
    assert AuditEvent.objects.count() > before
    assert verify_chain()[1] is None


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_read_after_a_write_sees_it_on_the_primary(
    request: pytest.FixtureRequest, com: User, person: Person
) -> None:
    if not STANDBY_URL:
        assert router.db_for_read(Person) == PRIMARY
        return
    request.getfixturevalue("standby")
    _caught_up()
    with db_router.replica_reads():
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert Person.objects.filter(pk=person.pk).exists()  # the standby has it
        assert len(on_replica.captured_queries) == 1
        people_services.add_alias(user=com, person=person, alias=NewAlias("Newly", "Added"))
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            # Pinned to the primary since the write: seen at once, whatever the standby's lag.
            assert Alias.objects.filter(person=person, family_name="Added").exists()
        assert on_replica.captured_queries == []
    _caught_up()
    assert Alias.objects.using(REPLICA).filter(person=person, family_name="Added").exists()
