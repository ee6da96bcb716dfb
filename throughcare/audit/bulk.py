"""Bulk writes that cannot escape the audit log.

Case-level models use `throughcare.core.models.CaseQuerySet` as their manager: its `update()`
and `delete()` refuse to run, so a bulk change has to go through `audited_update` /
`audited_delete`, which record one event per row in the same transaction. Rows that may not
change at all (a locked version of a signed document) are refused first (`guard_bulk`).
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from throughcare.core.models import CaseQuerySet, UnauditedWriteError

from . import services
from .models import Operation

__all__ = ["CaseQuerySet", "UnauditedWriteError", "audited_delete", "audited_update"]


def audited_update(
    queryset: CaseQuerySet[Any], *, user: Any, record_type: str, **values: Any
) -> int:
    """Updates every row of the queryset, recording an alteration event for each."""
    with transaction.atomic():
        queryset.guard_bulk()
        rows = queryset._rows()
        services.record_many(
            user=user,
            operation=Operation.ALTERATION,
            record_type=record_type,
            records=rows,
            fields=values.keys(),
        )
        return models.QuerySet.update(queryset, **values)


def audited_delete(queryset: CaseQuerySet[Any], *, user: Any, record_type: str, reason: str) -> int:
    """Deletes every row of the queryset, recording an erasure event (with the reason) for each."""
    with transaction.atomic():
        queryset.guard_bulk()
        rows = queryset._rows()
        services.record_many(
            user=user,
            operation=Operation.ERASURE,
            record_type=record_type,
            records=rows,
            reason=reason,
        )
        deleted, _ = models.QuerySet.delete(queryset)
        return deleted
