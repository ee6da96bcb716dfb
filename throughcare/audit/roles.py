"""Least privilege on PostgreSQL: the application's role may SELECT and INSERT on the audit
table and nothing more.

Two roles (docs/operations.md): an owner, which owns the tables and runs `migrate`, and the
application's role, which the web application connects as (THROUGHCARE_DATABASE_APP_ROLE).
After every `migrate`, `grant_application_role` gives the application's role the ordinary rights
on every table, then takes back all but SELECT and INSERT on the audit table (so no UPDATE,
DELETE, TRUNCATE, TRIGGER or REFERENCES), and SELECT only on Django's record of migrations.
The application's role owns nothing, so it cannot disable the audit table's triggers
(`ALTER TABLE` needs the owner) either. The statements are idempotent.

`problems` reports what the connected role could do to the audit table; the check audit.E002
(`manage.py check --deploy --database default`) shows it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .models import AuditEvent

AUDIT_TABLE = AuditEvent._meta.db_table
# Tables the application reads but never writes.
READ_ONLY_TABLES = ("django_migrations",)
# What the application's role must never hold on the audit table.
REFUSED = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


def _one(connection: Any, sql: str, params: list[Any] | None = None) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
    return None if row is None else row[0]


def grant_statements(connection: Any, role: str) -> list[str]:
    quote = connection.ops.quote_name
    schema = quote(_one(connection, "SELECT current_schema()"))
    who = quote(role)
    statements = [
        f"GRANT USAGE ON SCHEMA {schema} TO {who}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {who}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {who}",
        # Tables and sequences that later migrations create (as this role) get the same.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {who}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {who}",
        f"REVOKE ALL ON TABLE {quote(AUDIT_TABLE)} FROM PUBLIC",
        f"REVOKE ALL ON TABLE {quote(AUDIT_TABLE)} FROM {who}",
        f"GRANT SELECT, INSERT ON TABLE {quote(AUDIT_TABLE)} TO {who}",
    ]
    for table in READ_ONLY_TABLES:
        statements += [
            f"REVOKE ALL ON TABLE {quote(table)} FROM {who}",
            f"GRANT SELECT ON TABLE {quote(table)} TO {who}",
        ]
    return statements


def grant_application_role(connection: Any, role: str) -> None:
    """Gives the application's role its rights. Run as the owner of the tables."""
    if connection.vendor != "postgresql":
        raise ImproperlyConfigured("Database roles are for PostgreSQL only")
    if not _one(connection, "SELECT 1 FROM pg_roles WHERE rolname = %s", [role]):
        raise ImproperlyConfigured(
            f"THROUGHCARE_DATABASE_APP_ROLE names the role {role}, which does not exist: "
            "create it first (docs/operations.md)"
        )
    if role == _one(connection, "SELECT current_user"):
        raise ImproperlyConfigured(
            "THROUGHCARE_DATABASE_APP_ROLE is the role running migrate: the application must "
            "connect as another role, which does not own the tables (docs/operations.md)"
        )
    with connection.cursor() as cursor:
        for statement in grant_statements(connection, role):
            cursor.execute(statement)


def problems(connection: Any) -> list[str]:
    """What the connected role could do to the audit table beyond reading and adding to it."""
    owner = _one(
        connection,
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = %s",
        [AUDIT_TABLE],
    )
    if owner is None:
        return []  # not migrated yet
    user = _one(connection, "SELECT current_user")
    found = []
    if _one(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
        found.append(f"the role {user} is a superuser")
    elif _one(connection, "SELECT pg_has_role(current_user, %s, 'MEMBER')", [owner]):
        found.append(
            f"the role {user} owns the audit table (or may act as its owner, {owner}), so it "
            "can disable its triggers"
        )
    held = [
        privilege
        for privilege in REFUSED
        if _one(connection, "SELECT has_table_privilege(%s, %s)", [AUDIT_TABLE, privilege])
    ]
    if held:
        found.append(f"the role {user} holds {', '.join(held)} on the audit table")
    return found


@receiver(post_migrate, dispatch_uid="throughcare.audit.grant_application_role")
def _grant_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After `migrate` (once, when the audit app's turn comes: every table exists by then)."""
    role = getattr(settings, "THROUGHCARE_DATABASE_APP_ROLE", "")
    if not role or getattr(sender, "label", None) != "audit":
        return
    connection = connections[using]
    if connection.vendor == "postgresql":
        grant_application_role(connection, role)
