"""What every case-level table shares.

`CaseQuerySet` is the manager of every case-level model: its `update()` and `delete()` refuse
to run, so that a bulk change cannot escape the audit log; bulk changes go through
`throughcare.audit.bulk.audited_update` / `audited_delete`, which record one event per row in
the same transaction and then call Django's own `QuerySet.update` / `delete`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

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
