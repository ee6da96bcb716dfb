"""The audit log's part of the subject access export (`throughcare.core.subject_access`).

Included: every disclosure of the person's information recorded in the log, with its
recipient (the person has a right to know the recipients of their data).

Not part of the export: consultations by staff (staff of the service are not recipients).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from throughcare.core.subject_access import Part, Section

from .models import AuditEvent, Operation, Outcome


def _disclosures(person: models.Model) -> list[dict[str, Any]]:
    events = (
        AuditEvent.objects.filter(
            person_id=person.pk, operation=Operation.DISCLOSURE, outcome=Outcome.ALLOWED
        )
        .order_by("occurred_at", "id")
        .values("occurred_at", "recipient", "record_type")
    )
    return [
        {
            "when": event["occurred_at"],
            "recipient": event["recipient"] or "Not recorded",
            "what": event["record_type"],
        }
        for event in events
    ]


PART = Part(
    app="audit",
    sections=(
        Section(
            "disclosures",
            120,
            _disclosures,
            includes="every disclosure of their information, and to whom",
        ),
    ),
    covers={"audit.AuditEvent": "disclosures"},
)
