"""What needs a user's attention: one row per recipient and thing to do.

A notification points at the thing to act on (an urgent concern to acknowledge, an information
request to answer, advice asked for) by its audit record type and id, and at the page to act
on it. It stays open until the thing is done (`done_at`), which the service that does it
records through `services.close`. Its summary is fixed text chosen by the service that raised
it, never what a user typed, so that neither the list nor an email carries case detail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord


class Notification(CaseRecord):
    class Kind(models.TextChoices):
        URGENT_CONCERN = "urgent concern", "Urgent concern to acknowledge"
        INFORMATION_REQUEST = "information request", "Information request to answer"
        INFORMATION_REPLY = "information reply", "Reply to your information request"
        ADVICE_REQUEST = "advice request", "Advice asked of you"
        ADVICE_GIVEN = "advice given", "Advice given"
        COUNTERSIGNATURE = "countersignature", "Document to countersign"
        RETURNED_DOCUMENT = "returned document", "Document returned with comments"
        OPTION_AGREEMENT = "option agreement", "Release option with a conflict to agree"
        REFERRAL = "referral", "Referral to answer"
        REFERRAL_ANSWER = "referral answer", "A partner's answer to your referral"
        OTHER = "other", "Other"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    summary = models.CharField(max_length=200)
    url = models.CharField("Where to act on it", max_length=300)
    # A RecordType value (the service checks it): no choices, so a new type needs no migration.
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=64)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    audit_record_type = RecordType.NOTIFICATION

    class Meta:
        ordering = ["due_on", "created_at", "pk"]
        indexes = [
            models.Index(fields=["recipient", "done_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["done_at", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"
