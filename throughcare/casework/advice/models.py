"""A request for advice from a named colleague, and their advice."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

from ..sources import Sourced

TEXT_LIMIT = 20_000


class AdviceRequest(CaseRecord):
    """A question about the case for a named colleague who can already open the record."""

    class Specialism(models.TextChoices):
        OVERSIGHT = "management oversight", "Management oversight (senior probation officer)"
        PSYCHOLOGY = "psychology", "Psychology"
        MAPPA = "MAPPA", "MAPPA coordination"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        SUBSTANCE_MISUSE = "substance misuse", "Substance misuse"
        OTHER = "other", "Other"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="advice_requests"
    )
    specialism = models.CharField("Advice on", max_length=30, choices=Specialism.choices)
    question = models.TextField("Your question")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advice_asked"
    )

    audit_record_type = RecordType.ADVICE_REQUEST

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"Advice on {self.get_specialism_display().lower()}"


class Advice(Sourced):
    """The colleague's advice: gathered information, sourced to them by name and role."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    request = models.OneToOneField(AdviceRequest, on_delete=models.CASCADE, related_name="advice")
    text = models.TextField("Advice")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Advice: {self.source_label}"
