"""API tokens for partner systems and scripts, and the responses kept for `Idempotency-Key`.

A token acts as its service account (`user`): a user with its own role and organisation, to
which the access policy applies as to anyone. Only a SHA-256 hash of the token is kept; its
public prefix (`tc_<prefix>_...`) finds the row without comparing every hash.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core import clock


class Scope(models.TextChoices):
    """What a token may do: read or write, one resource at a time."""

    PEOPLE_READ = "people:read", "Read people"
    PEOPLE_WRITE = "people:write", "Add and change people"
    SENTENCES_READ = "sentences:read", "Read sentences and key dates"
    SENTENCES_WRITE = "sentences:write", "Add sentences"
    ALLOCATIONS_READ = "allocations:read", "Read allocations"
    CASE_NOTES_READ = "case_notes:read", "Read case notes"
    CASE_NOTES_WRITE = "case_notes:write", "Add case notes"
    ASSESSMENTS_READ = "assessments:read", "Read the current assessment's headline"
    PLANS_READ = "plans:read", "Read the plan: resettlement, risk management, licence, release"


class ApiToken(models.Model):
    name = models.CharField(max_length=200, help_text="The system or script that uses it.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Service account",
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    audit_record_type = RecordType.API_TOKEN

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} (tc_{self.prefix}_…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > clock.now()


class IdempotentRequest(models.Model):
    """The first response to a write sent with an `Idempotency-Key`: the same key from the
    same user to the same endpoint gets it again, instead of a second write. Kept for
    IDEMPOTENCY_WINDOW; the request's hash refuses the key with a different body."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    endpoint = models.CharField(max_length=300)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=clock.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "endpoint", "key"], name="one_response_per_idempotency_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.key}"
