"""The oversight report of account changes that widened access: read from the audit chain,
so it shows what was done however it was done (admin site, command line)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from throughcare.access.models import Organisation, Role, User
from throughcare.audit.models import AuditEvent

from .services import ACCOUNT_WIDENED, ORGANISATION_WIDENED

ORGANISATION = ORGANISATION_WIDENED


def widening_changes(viewer: User) -> QuerySet[AuditEvent]:
    """Newest first. An administrator sees them all; a senior probation officer those about
    the accounts now in their organisation, and about the organisation itself."""
    events = AuditEvent.objects.filter(
        record_type__in=(ACCOUNT_WIDENED, ORGANISATION_WIDENED)
    ).order_by("-occurred_at", "-id")
    if viewer.role == Role.ADMIN:
        return events
    if viewer.role != Role.SPO or viewer.organisation_id is None:
        return events.none()
    members = [
        str(pk)
        for pk in User.objects.filter(organisation_id=viewer.organisation_id).values_list(
            "pk", flat=True
        )
    ]
    return events.filter(
        Q(record_type=ACCOUNT_WIDENED, record_id__in=members)
        | Q(record_type=ORGANISATION_WIDENED, record_id=str(viewer.organisation_id))
    )


def _ids(events: Iterable[AuditEvent], record_type: str) -> list[int]:
    return [
        int(e.record_id) for e in events if e.record_type == record_type and e.record_id.isdigit()
    ]


def accounts_named(events: Iterable[AuditEvent]) -> dict[str, User]:
    """The accounts these events are about, by record id: one query."""
    ids = _ids(events, ACCOUNT_WIDENED)
    users = User.objects.filter(pk__in=ids).select_related("organisation")
    return {str(user.pk): user for user in users}


def organisations_named(events: Iterable[AuditEvent]) -> dict[str, str]:
    ids = _ids(events, ORGANISATION_WIDENED)
    return {
        str(pk): name
        for pk, name in Organisation.objects.filter(pk__in=ids).values_list("pk", "name")
    }
