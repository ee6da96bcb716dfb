"""Fixtures shared by every test: organisations, users in each role and people."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from throughcare.access import services as access_services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, SharingAgreement, User
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewPerson, NewSentence
from throughcare.people.models import Person

# The suite runs on a fixed day, whatever the machine's date: every read of the date in
# Throughcare goes through throughcare.core.clock, which this fixture sets.
NOW = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("Europe/London"))
TODAY: date = NOW.date()


@pytest.fixture(autouse=True, scope="session")
def flush_past_the_audit_truncate_guard() -> Iterator[None]:
    """On PostgreSQL a trigger refuses TRUNCATE on the audit log, even by its owner (audit
    migration 0006), and Django empties the database with TRUNCATE after each transactional
    test. Only here, around that flush, does the suite (the owner) set the trigger aside, as
    an owner deliberately erasing a test database would."""
    original = PostgresOperations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: Any) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_truncate"
            )
            try:
                original(self, sql_list)
            finally:
                cursor.execute(
                    "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_no_truncate"
                )

    PostgresOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    PostgresOperations.execute_sql_flush = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True, scope="session")
def flush_past_the_records_lock_on_sqlite() -> Iterator[None]:
    """On SQLite, Django empties the database after each transactional test (the browser
    tests) with DELETE, which the records app's triggers refuse for a locked version and for
    a comment (records migration 0002; PostgreSQL's TRUNCATE fires no row trigger). Only
    around that flush are the triggers set aside, and made again at once."""
    lock = importlib.import_module("throughcare.records.migrations.0002_lock_triggers")
    # Imported here, through its package's base: importing the operations module first (as
    # a module-level import does on PostgreSQL, where nothing has loaded SQLite) is circular.
    importlib.import_module("django.db.backends.sqlite3.base")
    from django.db.backends.sqlite3.operations import DatabaseOperations as SQLiteOperations

    original = SQLiteOperations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: Any) -> None:
        with self.connection.cursor() as cursor:
            for statement in lock.SQLITE_DROP:
                cursor.execute(statement)
            try:
                original(self, sql_list)
            finally:
                for statement in lock.SQLITE:
                    cursor.execute(statement)

    SQLiteOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    SQLiteOperations.execute_sql_flush = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[datetime]:
    """Today is TODAY for every test; a test moves it with `clock.advance` or `clock.set_now`."""
    clock.set_now(NOW)
    yield NOW
    clock.set_now(None)


@pytest.fixture
def organisations(db: None) -> dict[str, Organisation]:
    return {
        name: Organisation.objects.create(name=label, kind=kind, code=code)
        for name, label, kind, code in (
            ("prison", "HMP Testmoor", Organisation.Kind.PRISON, "TMI"),
            ("team", "Testmoor probation team", Organisation.Kind.PROBATION_TEAM, "TPT"),
            ("other_team", "Elsewhere probation team", Organisation.Kind.PROBATION_TEAM, "EPT"),
            ("partner", "Test Housing", Organisation.Kind.PARTNER, "THA"),
        )
    }


@pytest.fixture
def make_user(organisations: dict[str, Organisation]) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(role: str = Role.COM, organisation: str | None = "team", **extra: Any) -> User:
        n = next(counter)
        return User.objects.create_user(
            f"{role}{n}@test.example",
            "correct-horse-battery",
            full_name=f"Test {Role(role).label} {n}",
            role=role,
            organisation=organisations[organisation] if organisation else None,
            **extra,
        )

    return make


@pytest.fixture
def com(make_user: Callable[..., User]) -> User:
    return make_user(Role.COM, "team")


@pytest.fixture
def pom(make_user: Callable[..., User]) -> User:
    return make_user(Role.POM, "prison")


@pytest.fixture
def make_person(
    organisations: dict[str, Organisation], com: User, pom: User
) -> Callable[..., Person]:
    counter = iter(range(1, 10_000))

    def make(**overrides: Any) -> Person:
        n = next(counter)
        data: dict[str, Any] = {
            "given_name": f"Given{n}",
            "family_name": f"Family{n}",
            "date_of_birth": date(1990, 1, 1),
            "sex": "male",
            "prison": organisations["prison"],
            "pom": pom,
            "com": com,
        }
        data.update(overrides)
        release_in = data.pop("release_in_days", None)
        person = people_services.create_person(user=com, details=NewPerson(**data), today=TODAY)
        if release_in is not None:
            crd = TODAY + timedelta(days=release_in)
            people_services.add_sentence(
                user=com,
                person=person,
                sentence=NewSentence.from_cleaned(
                    {
                        "sentence_type": "sds",
                        "sentence_date": TODAY - timedelta(days=400),
                        "crd": crd,
                        "sed": crd + timedelta(days=365),
                    }
                ),
                today=TODAY,
            )
            person.refresh_from_db()
        return person

    return make


@pytest.fixture
def person(make_person: Callable[..., Person]) -> Person:
    return make_person(release_in_days=30)


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    """A client signed in as the user with both factors: `force_login`, then the session
    marked as verified by the user's authenticator app (created, confirmed, if they have none)
    exactly as django-otp's own `login` does after a right code. Nothing in the settings is
    relaxed for it; throughcare/access/tests/test_sign_in.py signs in the long way."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return make


def search(client: Client, text: str) -> Any:
    """Searches as a user does: posts the form and follows the redirect to the results."""
    return client.post(reverse("caseload:search"), {"q": text}, follow=True)


def share(
    person: Person, by: User, organisation: Organisation, sections: list[str], **dates: date
) -> SharingAgreement:
    """A current sharing agreement with the partner organisation, made by `by` through the
    service (from yesterday for 90 days, unless `start` or `end` say otherwise)."""
    today = clock.today()
    return access_services.share_with_partner(
        by=by,
        person=person,
        share=ShareRequest(
            organisation=organisation,
            purpose="Housing on release",
            sections=tuple(sections),
            start_date=dates.get("start", today - timedelta(days=1)),
            end_date=dates.get("end", today + timedelta(days=90)),
        ),
    )
