"""Least privilege on PostgreSQL: the application's role may read and add to the audit table,
and nothing more; it cannot UPDATE, DELETE or TRUNCATE it, nor disable its triggers.

The suite connects as a superuser (the owner of the test database). Each test creates a
restricted role inside its own transaction (so the role and its grants go when the test's
transaction is rolled back; the name is unique, as roles are shared by the whole cluster),
grants it its rights exactly as `migrate` does, and switches to it with SET ROLE. On SQLite,
which has no roles, the append-only rule is the model's (test_verify.py) and granting refuses.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from throughcare.access.models import User
from throughcare.audit import roles, services
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"


def _execute(sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.fixture
def app_role() -> Iterator[str]:
    """A new role with the application's rights; the connection acts as it until the end."""
    name = f"throughcare_test_app_{uuid.uuid4().hex[:12]}"
    if not ON_POSTGRESQL:
        yield name
        return
    _execute(f"CREATE ROLE {name} NOLOGIN")
    roles.grant_application_role(connection, name)
    yield name
    _execute("RESET ROLE")


def _refused(sql: str, params: list[Any] | None = None) -> str:
    """Runs a statement that must be refused; returns PostgreSQL's message."""
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        _execute(sql, params)
    return str(refused.value)


def test_the_application_role_cannot_change_empty_or_unguard_the_audit_log(
    app_role: str, com: User, person: Person
) -> None:
    if not ON_POSTGRESQL:
        with pytest.raises(ImproperlyConfigured, match="PostgreSQL only"):
            roles.grant_application_role(connection, app_role)
        return
    event = services.record(user=com, operation=Operation.CONSULTATION, record_type="person")
    _execute(f"SET ROLE {app_role}")
    for statement in (
        "UPDATE audit_auditevent SET reason = 'edited' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        assert "permission denied for table audit_auditevent" in _refused(statement, [event.pk])
    assert "permission denied for table audit_auditevent" in _refused("TRUNCATE audit_auditevent")
    for statement in (
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent",
        "DROP TABLE audit_auditevent",
    ):
        assert "must be owner of" in _refused(statement)
    assert "permission denied for table django_migrations" in _refused(
        "DELETE FROM django_migrations"
    )
    # What the application needs still works, as this role: adding to the log (with the chain
    # lock), reading it, and changing case data.
    services.record(user=com, operation=Operation.CONSULTATION, record_type="person")
    assert AuditEvent.objects.count() > 1
    _execute("UPDATE people_person SET first_language = 'Welsh' WHERE id = %s", [person.pk])
    assert _one("SELECT current_user") == app_role
    assert roles.problems(connection) == []
    _execute("RESET ROLE")
    assert verify_chain()[1] is None


def _one(sql: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def test_the_database_check_names_a_role_that_could_rewrite_the_audit_log(app_role: str) -> None:
    if not ON_POSTGRESQL:
        # SQLite has no roles: the check has nothing to say.
        assert [m for m in _deploy_checks() if m.id == "audit.E002"] == []
        return
    # The suite's own connection is a superuser: the check refuses it.
    found = [m for m in _deploy_checks() if m.id == "audit.E002"]
    assert found and "is a superuser" in found[0].msg
    # The application's role passes.
    _execute(f"SET ROLE {app_role}")
    assert [m for m in _deploy_checks() if m.id == "audit.E002"] == []
    _execute("RESET ROLE")
    # A role given UPDATE on the audit table is named.
    _execute(f"GRANT UPDATE ON audit_auditevent TO {app_role}")
    _execute(f"SET ROLE {app_role}")
    found = [m for m in _deploy_checks() if m.id == "audit.E002"]
    assert len(found) == 1 and "holds UPDATE on the audit table" in found[0].msg


def test_migrate_grants_the_role_named_in_the_settings(app_role: str) -> None:
    audit_app = apps.get_app_config("audit")
    if not ON_POSTGRESQL:
        # On SQLite the setting changes nothing, and `migrate` still works.
        with override_settings(THROUGHCARE_DATABASE_APP_ROLE=app_role):
            assert roles._grant_after_migrate(sender=audit_app, using="default") is None
        return
    # Start from a role with no rights at all, then run the handler `migrate` runs.
    _execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app_role}")
    with override_settings(THROUGHCARE_DATABASE_APP_ROLE=app_role):
        roles._grant_after_migrate(sender=audit_app, using="default")
    granted = {
        privilege
        for privilege in ("SELECT", "INSERT", *roles.REFUSED)
        if _has(app_role, "audit_auditevent", privilege)
    }
    assert granted == {"SELECT", "INSERT"}
    assert _has(app_role, "people_person", "UPDATE")
    with (
        override_settings(THROUGHCARE_DATABASE_APP_ROLE="no_such_role_here"),
        pytest.raises(ImproperlyConfigured, match="does not exist"),
    ):
        roles._grant_after_migrate(sender=audit_app, using="default")


def _deploy_checks() -> list[Any]:
    return list(run_checks(databases=["default"], include_deployment_checks=True))


def test_migrate_as_the_owner_is_not_refused_by_the_check(app_role: str) -> None:
    """`migrate` runs the database checks (not the deployment ones) before migrating: the
    owner, which fails audit.E002, must still be able to migrate."""
    if ON_POSTGRESQL:
        assert [m for m in _deploy_checks() if m.id == "audit.E002"]  # a superuser: refused...
    found = run_checks(databases=["default"])  # ...but not by the checks `migrate` runs
    assert [m for m in found if m.id == "audit.E002"] == []


def _has(role: str, table: str, privilege: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT has_table_privilege(%s, %s, %s)", [role, table, privilege])
        return bool(cursor.fetchone()[0])
