"""A request for advice, and the advice: asked of a named colleague in the case team (the SPO
included), or of a specialist role (a function, such as psychology, at a prison or probation
team: any of its holders there may answer). A specialist outside the case team sees the question
under the request grant (`throughcare/access/request_grant.py`), read through the `Addressed`
protocol (`recipient_*` below), until it is answered or withdrawn."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.access.models import Function, Organisation
from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

from ..sources import Sourced

TEXT_LIMIT = 20_000


class AdviceRequest(CaseRecord):
    """A question about the case for a named colleague who can already open the record, or for
    a specialist role at a prison or probation team."""

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
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="advice_asked",
        null=True,
        blank=True,
    )
    adviser_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adviser_function = models.CharField(
        max_length=30, choices=Function.choices, blank=True, default=""
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    audit_record_type = RecordType.ADVICE_REQUEST

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"Advice on {self.get_specialism_display().lower()}"

    # The `Addressed` protocol of the request grant.
    @property
    def recipient_user_id(self) -> int | None:
        return self.adviser_id

    @property
    def recipient_organisation_id(self) -> int | None:
        return self.adviser_organisation_id

    @property
    def recipient_function(self) -> str:
        return self.adviser_function

    @property
    def is_open(self) -> bool:
        """Not yet answered (or withdrawn)."""
        return self.closed_at is None

    @property
    def adviser_label(self) -> str:
        if self.adviser is not None:
            return f"{self.adviser.full_name} ({self.adviser.get_role_display()})"
        where = self.adviser_organisation.name if self.adviser_organisation else ""
        return f"{self.get_adviser_function_display()}, {where}"


class Advice(Sourced):
    """The colleague's advice: gathered information, sourced to them by name and role."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    request = models.OneToOneField(AdviceRequest, on_delete=models.CASCADE, related_name="advice")
    text = models.TextField("Advice")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Advice: {self.source_label}"
