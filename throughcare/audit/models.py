"""The audit log: one append-only row for every collection, alteration, consultation,
disclosure, combination and erasure of case data (Data Protection Act 2018, section 62)."""

from __future__ import annotations

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


class AuditEvent(models.Model):
    """One event. Rows are only ever inserted; each carries a hash over its content and the
    previous row's hash, so that an edited, removed or reordered row can be found."""

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

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["person_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.operation} {self.record_type}"
