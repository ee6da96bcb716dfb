"""The person's own copy of the interview summary, laid out by WeasyPrint on A4: who we are and
why we asked (P1), who will see what they told us (P2, P10), the summary in plain words, their
response and their corrections (P5)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock

from .. import queries as casework_queries
from . import queries, summary
from .services import SUMMARY_FIELD

if TYPE_CHECKING:
    from throughcare.access.policy import Access

    from .draft import InterviewDraft
    from .models import Interview


def corrections(access: Access, interview: Interview) -> list[Any]:
    """The person's corrections to the summary, kept beside it, oldest first."""
    found = casework_queries.amendments(access, RecordType.INTERVIEW, [interview.pk])
    return [a for a in found.get(str(interview.pk), []) if a.field == SUMMARY_FIELD]


def copy_html(access: Access, draft: InterviewDraft) -> str:
    interview = draft.interview
    # Once their response is recorded, the summary as it was gone through with them.
    paragraphs = [] if interview.closed else summary.paragraphs(draft.values())
    return render_to_string(
        "casework/interview/copy_pdf.html",
        {
            "person": access.person,
            "interview": interview,
            "practitioner": interview.started_by,
            "audience": queries.who_will_see(access.person),
            "paragraphs": paragraphs,
            "corrections": corrections(access, interview),
            "printed_on": clock.today(),
        },
    )


def person_copy(access: Access, draft: InterviewDraft) -> bytes:
    """The PDF; producing it is recorded as a disclosure to the person."""
    from weasyprint import HTML  # WeasyPrint loads Pango and fonts, which only this needs

    content: bytes = HTML(string=copy_html(access, draft)).write_pdf()
    record_for(
        draft.interview,
        user=access.user,
        operation=Operation.DISCLOSURE,
        fields=["summary_text", "response"],
        recipient="the person (their own copy)",
    )
    return content
