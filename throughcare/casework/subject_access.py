"""The casework app's part of the subject access export (`throughcare.core.subject_access`).

Included: every case note, sensitive notes and notes "not for disclosure to partners" too:
those flags keep notes from colleagues and partners, not from the person; each note says if
it carries one. Third-party information inside a note's text cannot be found automatically:
the subject access page asks the member of staff to read the notes before the copy is
released.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from throughcare.audit.models import RecordType
from throughcare.core.subject_access import Part, Section

from .interview import subject_access as interview_part
from .models import (
    AdviceRequest,
    Amendment,
    CaseNote,
    InformationReply,
    InformationRequest,
    UrgentConcern,
)

if TYPE_CHECKING:
    from throughcare.people.models import Person


def _case_notes(person: Person) -> list[dict[str, Any]]:
    notes = (
        CaseNote.objects.filter(person=person)
        .select_related("author")
        .order_by("occurred_on", "created_at", "pk")
    )
    return [
        {
            "date": note.occurred_on,
            "type": note.get_note_type_display(),
            "text": note.text,
            "written_by": note.author.full_name,
            "recorded_at": note.created_at,
            "sudden_change": note.get_acute_change_display() if note.acute_change else "",
            "marked_sensitive": note.sensitive,
            "not_for_disclosure_to_partners": note.withheld_from_partners,
        }
        for note in notes
    ]


def _amendments(person: Person) -> list[dict[str, Any]]:
    rows = (
        Amendment.objects.filter(person=person)
        .select_related("created_by")
        .order_by("created_at", "pk")
    )
    return [
        {
            "amends": f"{RecordType(amendment.record_type).label} {amendment.record_id}",
            "part": amendment.field,
            "text": amendment.text,
            "reason": amendment.reason,
            "written_by": amendment.created_by.full_name if amendment.created_by else "",
            "recorded_at": amendment.created_at,
        }
        for amendment in rows
    ]


def _information_requests(person: Person) -> list[dict[str, Any]]:
    requests = (
        InformationRequest.objects.filter(person=person)
        .select_related("sent_by", "recipient_user", "recipient_organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "sent_on": request.created_at,
            "sent_by": request.sent_by.full_name,
            "sent_to": request.recipient_label,
            "purpose": request.purpose,
            "asked_about": [label for _, label in request.topic_labels],
            "further_questions": request.further_questions,
            "answer_by": request.due_on,
            "who_will_see_the_answer": request.who_will_see,
            "status": request.get_status_display(),
        }
        for request in requests
    ]


def _information_replies(person: Person) -> list[dict[str, Any]]:
    replies = (
        InformationReply.objects.filter(person=person)
        .select_related("request")
        .order_by("obtained_on", "created_at", "pk")
    )
    return [
        {
            "source": reply.source_label,
            "obtained_on": reply.obtained_on,
            "answers": [{"question": q, "answer": a} for q, a in reply.answer_rows()],
        }
        for reply in replies
    ]


def _urgent_concerns(person: Person) -> list[dict[str, Any]]:
    rows = (
        UrgentConcern.objects.filter(person=person)
        .select_related("created_by")
        .prefetch_related("actions")
        .order_by("created_at", "pk")
    )
    return [
        {
            "type": concern.get_concern_type_display(),
            "what_was_said_or_seen": concern.account,
            "source": concern.source_label,
            "when": concern.occurred_at,
            "recorded_by": concern.created_by.full_name if concern.created_by else "",
            "recorded_at": concern.created_at,
            "acknowledged_at": concern.acknowledged_at,
            "actions": [
                {
                    "action": action.get_kind_display(),
                    "when": action.taken_at,
                    "reference": action.reference,
                    "details": action.details,
                }
                for action in concern.actions.all()
            ],
            "resolution": concern.resolution,
            "resolved_at": concern.resolved_at,
        }
        for concern in rows
    ]


def _advice(person: Person) -> list[dict[str, Any]]:
    rows = (
        AdviceRequest.objects.filter(person=person)
        .select_related("created_by", "adviser", "adviser_organisation", "advice")
        .order_by("created_at", "pk")
    )
    found = []
    for request in rows:
        advice = getattr(request, "advice", None)
        found.append(
            {
                "advice_on": request.get_specialism_display(),
                "question": request.question,
                "asked_by": request.created_by.full_name if request.created_by else "",
                "asked_of": request.adviser.full_name if request.adviser else request.adviser_label,
                "asked_at": request.created_at,
                "advice": advice.text if advice else "",
                "source": advice.source_label if advice else "",
                "given_on": advice.obtained_on if advice else None,
            }
        )
    return found


PART = Part(
    app="casework",
    sections=(
        Section(
            "case_notes",
            80,
            _case_notes,
            includes="every case note, including notes marked sensitive or not for partners "
            "(each is labelled)",
        ),
        Section(
            "interviews",
            79,
            interview_part.interviews,
            includes="every interview with the person: each answer with its source and date, "
            "the practitioner's observations, the summary and their response (sections saved "
            "are part of the interview)",
        ),
        Section(
            "amendments",
            81,
            _amendments,
            includes="every amendment made to an entry after the day it was written",
        ),
        Section(
            "information_requests",
            81,
            _information_requests,
            includes="every information request about the person: to whom, why, what it "
            "asked, and who will see the answer",
        ),
        Section(
            "information_replies",
            81,
            _information_replies,
            includes="every reply to an information request, with its source and date "
            "(third-party information: read before release)",
        ),
        Section(
            "urgent_concerns",
            83,
            _urgent_concerns,
            includes="every urgent concern recorded about them, the actions taken and how it "
            "was resolved",
        ),
        Section(
            "advice",
            84,
            _advice,
            includes="every request for advice from a colleague about their case, and the "
            "advice given",
        ),
    ),
    covers={
        "casework.CaseNote": "case_notes",
        "casework.Amendment": "amendments",
        "casework.Interview": "interviews",
        "casework.InterviewSection": "interviews",
        "casework.InterviewAnswer": "interviews",
        "casework.InformationRequest": "information_requests",
        "casework.InformationReply": "information_replies",
        "casework.UrgentConcern": "urgent_concerns",
        "casework.ConcernAction": "urgent_concerns",
        "casework.AdviceRequest": "advice",
        "casework.Advice": "advice",
    },
)
