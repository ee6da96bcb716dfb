"""Information requests (P9-P12) and their replies.

A request asks a colleague for what they know of a person: a named colleague; a function at a
prison or probation team (the staff there with that function: key worker, healthcare...); or a
partner organisation (any of its partner workers). It states its purpose and who will see the
answer, asks about chosen topics and any further questions, and is due on a date. Its recipient
sees only the request and the person's name, CRN and prison number, under the request grant
(`throughcare/access/request_grant.py`), until it is answered or withdrawn.

A reply is gathered information like any other: a `Sourced` entry, its source the replier (a
colleague, the prison, or the partner organisation) and the day it was answered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from throughcare.access.models import Function, Organisation
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.core.models import CaseRecord

from ..sources import Sourced


class Topic(models.TextChoices):
    """What a request can ask about: SFJCCFI2 P12.1-P12.5, then the sources the assessment's
    sufficiency check (P17) looks for that a colleague or partner may hold: police domestic
    abuse call-outs, children's services' safeguarding information, the criminal record."""

    BEHAVIOUR = "behaviour", "Their behaviour in custody"
    OFFENDING = "offending", "Their views of their own offending"
    RELEASE_PLANS = "release plans", "Their plans for release"
    RISKS = "risks", "Risks you see in their release and resettlement"
    PROGRAMMES = "programmes", "Programmes they attended, how they took part, and the results"
    DOMESTIC_ABUSE = (
        "domestic abuse",
        "Domestic abuse call-outs and incidents involving them (police information)",
    )
    SAFEGUARDING = (
        "safeguarding",
        "Safeguarding of children they are in contact with (children's services information)",
    )
    CRIMINAL_RECORD = "criminal record", "Their criminal record: convictions and cautions"


#: The topics of standard P12 (asked of the prison and colleagues before release).
P12_TOPICS = (Topic.BEHAVIOUR, Topic.OFFENDING, Topic.RELEASE_PLANS, Topic.RISKS, Topic.PROGRAMMES)


class RecipientKind(models.TextChoices):
    COLLEAGUE = "colleague", "A named colleague"
    FUNCTION = "function", "A role at a prison or probation team"
    PARTNER = "partner", "A partner organisation"


class InformationRequest(CaseRecord):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"
        WITHDRAWN = "withdrawn", "Withdrawn"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="information_requests"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requests_sent"
    )
    sender_role = models.CharField("Sender's role", max_length=200)
    recipient_kind = models.CharField(max_length=20, choices=RecipientKind.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests_to_me",
    )
    recipient_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient_function = models.CharField(
        max_length=30, choices=Function.choices, blank=True, default=""
    )
    purpose = models.TextField("Why you are asking")
    who_will_see = models.JSONField("Who will see the answer", default=list)
    topics = models.JSONField(default=list)
    further_questions = models.TextField(blank=True)
    due_on = models.DateField("Answer by")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    audit_record_type = RecordType.INFORMATION_REQUEST

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "status", "due_on"]),
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"Information request to {self.recipient_label}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < clock.today()

    @property
    def status_label(self) -> str:
        return "Overdue" if self.is_overdue else self.get_status_display()

    @property
    def status_colour(self) -> str:
        return {"Overdue": "red", "Open": "blue", "Answered": "green"}.get(
            self.status_label, "grey"
        )

    @property
    def recipient_label(self) -> str:
        if self.recipient_kind == RecipientKind.COLLEAGUE and self.recipient_user:
            return self.recipient_user.full_name
        organisation = self.recipient_organisation.name if self.recipient_organisation else ""
        if self.recipient_kind == RecipientKind.FUNCTION:
            return f"{self.get_recipient_function_display()}, {organisation}"
        return organisation

    @property
    def topic_labels(self) -> list[tuple[str, str]]:
        labels = dict(Topic.choices)
        return [(topic, str(labels.get(topic, topic))) for topic in self.topics]


class InformationReply(Sourced):
    """The answer to a request: one text for each topic asked about, and one for the further
    questions. Its source is the replier and the day they answered."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="information_replies"
    )
    request = models.OneToOneField(
        InformationRequest, on_delete=models.CASCADE, related_name="reply"
    )
    answers = models.JSONField(default=dict)
    further_answer = models.TextField(blank=True)

    audit_record_type = RecordType.INFORMATION_REPLY

    class Meta:
        ordering = ["-obtained_on", "-created_at"]

    def __str__(self) -> str:
        return f"Reply of {self.obtained_on:%d %B %Y}"

    def answer_rows(self) -> list[tuple[str, str]]:
        """(the topic's question, the answer), in the order the request asked them."""
        rows = [(label, self.answers.get(topic, "")) for topic, label in self.request.topic_labels]
        if self.request.further_questions:
            rows.append(("Further questions", self.further_answer))
        return rows
