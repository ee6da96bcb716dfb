"""Producing documents from the record. Each document handed out is a disclosure, recorded in
the audit log with its recipient."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from throughcare.audit import services as audit
from throughcare.audit.models import AuditEvent, Operation, RecordType

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

SUBJECT_ACCESS_RECORD_TYPE = RecordType.SUBJECT_ACCESS_EXPORT
RECIPIENT = "the data subject (subject access request)"


def record_subject_access_disclosure(
    *, user: User, person: Person, document_format: str, sections: Iterable[str]
) -> AuditEvent:
    """Records that a subject access copy (JSON or PDF) was produced for the person."""
    return audit.record(
        user=user,
        operation=Operation.DISCLOSURE,
        record_type=SUBJECT_ACCESS_RECORD_TYPE,
        record_id=person.pk,
        person_id=person.pk,
        recipient=RECIPIENT,
        reason=f"Subject access request: {document_format} copy",
        fields=sections,
    )


PLAN_DOCUMENT_RECORD_TYPE = RecordType.PLAN_DOCUMENT


def record_plan_document_disclosure(
    *, user: User, person: Person, title: str, for_the_person: bool, sections: Iterable[str]
) -> AuditEvent:
    """Records that a document made from the plan (a PDF) was produced: for the staff member
    who downloaded it, or, for the person's own plan and licence, for the person through them."""
    recipient = f"{user.full_name} ({user.email})"
    if for_the_person:
        recipient = f"the person (their own copy), produced by {recipient}"
    return audit.record(
        user=user,
        operation=Operation.DISCLOSURE,
        record_type=PLAN_DOCUMENT_RECORD_TYPE,
        record_id=person.pk,
        person_id=person.pk,
        recipient=recipient[:200],
        reason=f"{title} (PDF)",
        fields=sections,
    )
