"""A referral or a notice to a partner organisation about a release option (P26, P33).

`Referral` keeps what was shared, written out when it was sent (`shared`: the rows the partner
sees, so a later change to the option or the assessment never changes what was disclosed),
what is asked of the partner, its status, and the exchange between the partner and the sender
(`exchange`: each answer, question, reply and withdrawal, in order, with who and when). It is
the `Referred` item of the referral grant (`access/referral_grant.py`)."""

from __future__ import annotations

from typing import Any

from django.db import models

from throughcare.audit.models import RecordType
from throughcare.core.models import CaseRecord

TEXT_LIMIT = 5000


class Referral(CaseRecord):
    class Kind(models.TextChoices):
        REFERRAL = "referral", "A referral (for a place or a service)"
        NOTICE = "notice", "A notice (for their information)"

    class Status(models.TextChoices):
        SENT = "sent", "Awaiting an answer"
        MORE_INFORMATION = "more information", "More information asked for"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="referrals")
    option = models.ForeignKey(
        "planning.Option", on_delete=models.CASCADE, related_name="referrals"
    )
    organisation = models.ForeignKey(
        "access.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    asked = models.TextField("What is asked of them")
    shared = models.JSONField("What was shared", default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENT)
    exchange = models.JSONField(default=list)
    answered_at = models.DateTimeField(null=True, blank=True)

    audit_record_type = RecordType.REFERRAL

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["option"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.organisation_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def awaits_answer(self) -> bool:
        """The partner may still answer it."""
        return self.status in (self.Status.SENT, self.Status.MORE_INFORMATION)

    @property
    def kind_word(self) -> str:
        return "notice" if self.kind == self.Kind.NOTICE else "referral"

    @property
    def last_answer(self) -> dict[str, Any] | None:
        """The partner's latest word (an answer or a question), if any."""
        for entry in reversed(self.exchange or []):
            if entry.get("by_partner"):
                return dict(entry)
        return None
