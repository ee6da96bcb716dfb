"""Recording an event about one record from the record itself: `record_for`.

Each audited model names its record type (`audit_record_type`, one of `RecordType`); the
record gives its id, its person (a person is their own) and its version, if it carries one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from . import services
from .models import AuditEvent, Operation, RecordType

__all__ = ["Audited", "record_for"]


class Audited(Protocol):
    """A record the audit log knows: its model names its record type."""

    @property
    def audit_record_type(self) -> RecordType: ...

    @property
    def pk(self) -> Any: ...


def record_for(
    instance: Audited,
    *,
    user: Any,
    operation: Operation,
    fields: Iterable[str] = (),
    reason: str = "",
    recipient: str = "",
) -> AuditEvent:
    """Appends one event about `instance`, in the caller's transaction (or its own)."""
    record_type = instance.audit_record_type
    person_id = (
        instance.pk if record_type == RecordType.PERSON else getattr(instance, "person_id", None)
    )
    return services.record(
        user=user,
        operation=operation,
        record_type=record_type,
        record_id=instance.pk,
        person_id=person_id,
        fields=fields,
        reason=reason,
        recipient=recipient,
        record_version=getattr(instance, "version", None),
    )
