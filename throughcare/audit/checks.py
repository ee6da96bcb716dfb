"""Throughcare's checks of the audit log's set-up.

- audit.E001 (`check --deploy`): the audit keys are missing, malformed or the published
  development key.
- audit.E002 (`check --deploy --database default`, PostgreSQL): the role the application
  connects as can change or empty the audit table, or owns it (and so could disable its
  triggers).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import connections

from . import keys, roles


@register(Tags.security, deploy=True)
def audit_keys_are_set(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    text = str(getattr(settings, "THROUGHCARE_AUDIT_KEYS", ""))
    try:
        configured = keys.parse(text)
    except keys.AuditKeyError as problem:
        return [Error(str(problem), hint="See docs/operations.md.", id="audit.E001")]
    if set(configured.items()) & set(keys.parse(keys.DEVELOPMENT_KEYS).items()):
        return [
            Error(
                "THROUGHCARE_AUDIT_KEYS holds the development settings' published key.",
                hint="Make a new key: see docs/operations.md.",
                id="audit.E001",
            )
        ]
    return []


# A deployment check: `migrate` runs the database checks too, as the owner, which must pass.
@register(Tags.database, deploy=True)
def application_role_cannot_rewrite_the_audit_log(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        for problem in roles.problems(connection):
            messages.append(
                Error(
                    f"Database {alias}: {problem}.",
                    hint="Connect as a role that may only SELECT and INSERT on the audit "
                    "table, and run migrations as its owner: see docs/operations.md.",
                    id="audit.E002",
                )
            )
    return messages
