"""Bulk writes that cannot escape the audit log.

Case-level models use `CaseQuerySet` as their manager: its `update()` and `delete()` refuse to
run, so a bulk change has to go through `audited_update` / `audited_delete`, which record one
event per row in the same transaction.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from . import services
from .models import Operation

_M = TypeVar("_M", bound=models.Model)


class UnauditedWriteError(Exception):
    """A bulk update or delete of case data was attempted without an audit trail."""


class CaseQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> int:
        raise UnauditedWriteError("Use throughcare.audit.bulk.audited_update for case data")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise UnauditedWriteError("Use throughcare.audit.bulk.audited_delete for case data")

    def _rows(self) -> list[tuple[Any, Any]]:
        person_field = "pk" if self.model._meta.model_name == "person" else "person_id"
        return list(self.values_list(person_field, "pk"))


def audited_update(
    queryset: CaseQuerySet[Any], *, user: Any, record_type: str, **values: Any
) -> int:
    """Updates every row of the queryset, recording an alteration event for each."""
    with transaction.atomic():
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
