"""What every case-level table shares.

`CaseRecord` is the abstract model every table of case data about one person inherits (see
"Case tables" in docs/decisions.md): the person, who made the row and when, who last changed
it and when, its version, and `CaseQuerySet` as its manager.

`CaseQuerySet`'s `update()` and `delete()` refuse to run, so that a bulk change cannot escape
the audit log; bulk changes go through `throughcare.audit.bulk.audited_update` /
`audited_delete`, which ask the queryset's `guard_bulk()` (a model whose rows may not change
in bulk, such as a locked version of a signed document, refuses there), record one event per
row in the same transaction and then call Django's own `QuerySet.update` / `delete`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db import models

from . import clock

_M = TypeVar("_M", bound=models.Model)


class UnauditedWriteError(Exception):
    """A bulk update or delete of case data was attempted without an audit trail."""


class CaseQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> int:
        raise UnauditedWriteError("Use throughcare.audit.bulk.audited_update for case data")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise UnauditedWriteError("Use throughcare.audit.bulk.audited_delete for case data")

    def guard_bulk(self) -> None:
        """Raises `throughcare.core.errors.Refused` if a row of the queryset may not change in
        bulk (nothing by default; a model with rows that must never change overrides it)."""

    def _rows(self) -> list[tuple[Any, Any]]:
        person_field = "pk" if self.model._meta.model_name == "person" else "person_id"
        return list(self.values_list(person_field, "pk"))


class CaseRecord(models.Model):
    """A row of case data about one person.

    - person: whose record it is. Every case-level table carries the person's id: it is the
      distribution key when the data is spread over a distributed PostgreSQL. A table names
      its own reverse accessor by declaring `person` again with its `related_name`;
    - created_at, created_by: when the row was written (from the clock) and by whom (None for
      rows written before the table had the column, or by a loader with no user);
    - updated_at, updated_by: when and by whom it was last changed; a new row's are its
      created_at and created_by. Every save stamps updated_at; the service that changes a row
      sets updated_by and moves the version on;
    - version: the row's version, for refusing a save from a stale copy.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_set"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(default=clock.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            self.updated_at = self.created_at
            if self.updated_by_id is None:
                self.updated_by_id = self.created_by_id
        else:
            self.updated_at = clock.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "updated_at" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "updated_at"]
        super().save(*args, **kwargs)
