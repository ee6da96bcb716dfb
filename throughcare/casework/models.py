"""Case notes: the running record of contacts, observations and information about a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

# Information requests and replies live beside their services; Django finds them here.
from .requests.models import InformationReply, InformationRequest

__all__ = ["Amendment", "CaseNote", "InformationReply", "InformationRequest"]


class CaseNote(CaseRecord):
    class Type(models.TextChoices):
        CONTACT = "contact", "Contact with the person"
        COLLEAGUE = "colleague", "Information from a colleague"
        PARTNER = "partner", "Information from a partner agency"
        OBSERVATION = "observation", "Observation"
        MANAGEMENT = "management", "Management oversight"
        OTHER = "other", "Other"

    class AcuteChange(models.TextChoices):
        """Acute dynamic factors (risk.md): a sudden change that can raise risk. Recording one
        prompts a review of the assessment (the event "acute change recorded")."""

        DEPRESSION = "onset of depression", "Onset of depression"
        RELATIONSHIP_BREAKDOWN = "relationship breakdown", "Relationship breakdown"
        BEREAVEMENT = "bereavement", "Bereavement"
        STOPPING_MEDICATION = "stopping medication", "Stopping medication"
        OTHER = "another sudden change", "Another sudden change"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="case_notes")
    note_type = models.CharField("Type of note", max_length=20, choices=Type.choices)
    occurred_on = models.DateField("Date")
    text = models.TextField("Note")
    acute_change = models.CharField(
        "Sudden change",
        max_length=30,
        choices=AcuteChange.choices,
        blank=True,
        default="",
        help_text="A sudden change that can raise risk, which the note explains",
    )
    sensitive = models.BooleanField(
        default=False,
        help_text="Sensitive notes are hidden from people outside the allocated staff and team.",
    )
    withheld_from_partners = models.BooleanField(
        "Not for disclosure to partners",
        default=False,
        help_text="Partner agencies never see this note, whatever their sharing agreement says.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes"
    )

    audit_record_type = RecordType.CASE_NOTE

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        indexes = [models.Index(fields=["person", "-occurred_on", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_note_type_display()} on {self.occurred_on:%d %B %Y}"


class Amendment(CaseRecord):
    """A change to an entry made after the day it was written (P15): kept beside the original,
    never over it, with its author (`created_by`) and when (`created_at`).

    The entry is named by its audit record type and id, so any kind of entry (an interview
    answer, a reply, a note) takes amendments the same way; `field` names the part of the
    entry amended, where the entry has several ("" for the whole entry).
    """

    # A RecordType value (the service checks it); no choices here, so that a new record type
    # does not need a migration of this table.
    record_type = models.CharField(max_length=60)
    record_id = models.CharField(max_length=64)
    field = models.CharField(max_length=100, blank=True)
    text = models.TextField("Amendment")
    reason = models.TextField("Why it is amended", blank=True)

    audit_record_type = RecordType.AMENDMENT

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["person", "record_type", "record_id"])]

    def __str__(self) -> str:
        return f"Amendment of {self.record_type} {self.record_id}"


# Models of the parts of casework that are packages of their own, so that Django finds them.
from .advice.models import Advice, AdviceRequest  # noqa: E402
from .concerns.models import ConcernAction, UrgentConcern  # noqa: E402
from .interview.models import Interview, InterviewAnswer, InterviewSection  # noqa: E402

__all__ = [
    "Advice",
    "AdviceRequest",
    "Amendment",
    "CaseNote",
    "ConcernAction",
    "Interview",
    "InterviewAnswer",
    "InterviewSection",
    "UrgentConcern",
]
