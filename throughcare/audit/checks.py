"""Throughcare's checks of the audit log's set-up.

- audit.E001 (`check --deploy`): the audit keys are missing, malformed or the published
  development key.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from . import keys


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
