"""On PostgreSQL, parameters are bound on the server and a connection prepares a statement once
it has run it `DATABASE_PREPARE_THRESHOLD` times (settings/base.py), so PostgreSQL plans the
pages' queries once instead of on every request; "off" turns both off."""

from __future__ import annotations

import pytest
from django.db import connection

from throughcare.people.models import Person
from throughcare.settings.base import _postgresql_options

pytestmark = pytest.mark.django_db


def test_the_options_bind_on_the_server_and_prepare_unless_turned_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_PREPARE_THRESHOLD", raising=False)
    database: dict[str, dict[str, object]] = {"OPTIONS": {"options": "-c statement_timeout=0"}}
    _postgresql_options(database)
    assert database["OPTIONS"] == {
        "options": "-c statement_timeout=0 -c jit=off",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
    monkeypatch.setenv("DATABASE_PREPARE_THRESHOLD", "off")
    database = {}
    _postgresql_options(database)
    assert database["OPTIONS"] == {"options": "-c jit=off"}


def test_a_query_run_often_is_prepared_once_and_answers_as_before(person: Person) -> None:
    found = [Person.objects.filter(pk=person.pk, crn=person.crn).first() for _ in range(7)]
    assert found == [person] * 7
    assert Person.objects.filter(pk=person.pk, crn="X000000").first() is None  # other values
    if connection.vendor == "postgresql":  # SQLite has no prepared statements to look at
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            prepared = [row[0] for row in cursor.fetchall()]
        assert len([sql for sql in prepared if '"people_person"."crn" = $' in sql]) == 1
