"""The audit log: one append-only row for every collection, alteration, consultation,
disclosure, combination and erasure of case data (Data Protection Act 2018, section 62)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Operation(models.TextChoices):
    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"


class Outcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    REFUSED = "refused", "Refused"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only")


class AuditEvent(models.Model):
    """One event. Rows are only ever inserted; each carries a keyed hash over its content and
    the previous row's hash (throughcare.audit.chain), so that an edited, removed, reordered or
    forged row can be found, and signed checkpoints kept outside the database show rows removed
    from the end."""

    occurred_at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    user_email = models.CharField(max_length=254, blank=True)
    user_role = models.CharField(max_length=20, blank=True)
    # The person the record belongs to. Not a foreign key: the trail outlives erasure.
    person_id = models.UUIDField(null=True, blank=True, db_index=True)
    record_type = models.CharField(max_length=60)
    record_id = models.CharField(max_length=64, blank=True)
    # The version of the record this event produced, for records that carry one.
    record_version = models.PositiveIntegerField(null=True, blank=True)
    operation = models.CharField(max_length=20, choices=Operation.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    recipient = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    # Names of the fields changed, never their values.
    fields = models.JSONField(default=list, blank=True)
    # Unique: two events can never claim the same predecessor, so the chain cannot fork.
    previous_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)
    # The audit key the hash was made with (throughcare.audit.keys); empty for the events
    # written before the chain was keyed, whose hash is a plain SHA-256.
    key_id = models.CharField(max_length=32, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["person_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.operation} {self.record_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only")
