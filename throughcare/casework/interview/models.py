"""The interview with the person (P1-P8): the interview, the state of each of its sections,
and each answer, sourced (the person said it, on the day of the sitting; the practitioner's
own observations are sourced to them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

from ..sources import Sourced


class Interview(CaseRecord):
    """One interview with the person, over one or more sittings. Submitted once every required
    section is complete; closed once the person's response to the summary is recorded (P5),
    after which answers are only amended."""

    class Response(models.TextChoices):
        AGREED = "agreed", "They agreed with the summary"
        CORRECTED = "corrected", "They agreed once it was corrected"
        DISAGREED = "disagreed", "They did not agree with the summary"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="interviews")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    summary_text = models.TextField(
        "Summary gone through with them",
        blank=True,
        help_text="The summary as it was when their response was recorded: never changed after",
    )
    response = models.CharField(
        "Their response to the summary", max_length=20, choices=Response.choices, blank=True
    )
    response_on = models.DateField("Date the summary was gone through", null=True, blank=True)
    response_recorded_at = models.DateTimeField(null=True, blank=True)

    audit_record_type = RecordType.INTERVIEW

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"Interview started {self.created_at:%d %B %Y}"

    @property
    def closed(self) -> bool:
        return self.response_recorded_at is not None


class InterviewSection(CaseRecord):
    """A section of an interview as last saved: whether it is complete, and its version (the
    frame's save is refused when the version loaded is no longer the section's)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    complete = models.BooleanField(default=False)

    audit_record_type = RecordType.INTERVIEW_SECTION

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "key"], name="one_row_per_section")
        ]
        indexes = [models.Index(fields=["person", "interview"])]

    def __str__(self) -> str:
        return f"Section {self.key}"


class InterviewAnswer(Sourced):
    """One answer: the value of one question of one section, where it came from and when.
    Changed in place on the day it was written; amended after (P15)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    section = models.CharField(max_length=40)
    field = models.CharField(max_length=60)
    value = models.JSONField(default=str, blank=True)

    audit_record_type = RecordType.INTERVIEW_ANSWER

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "section", "field"], name="one_answer_per_question"
            )
        ]
        indexes = [models.Index(fields=["person", "interview"])]

    def __str__(self) -> str:
        return f"Answer to {self.section}.{self.field}"
