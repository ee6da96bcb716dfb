"""The interviews' share of the casework app's subject access part: every interview, each
answer with its source and date, the practitioner's observations (the person has a right to
them too), the summary as gone through and their response. Their corrections are amendments,
in the casework part's "amendments"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from throughcare.ui import answers

from .models import Interview
from .questions import SECTIONS

if TYPE_CHECKING:
    from throughcare.people.models import Person


def interviews(person: Person) -> list[dict[str, Any]]:
    found = []
    titles = {section.key: section for section in SECTIONS}
    rows = Interview.objects.filter(person=person).select_related("started_by")
    for interview in rows.order_by("created_at", "pk"):
        given = interview.answers.order_by("section", "field", "pk")
        found.append(
            {
                "started_on": interview.created_at,
                "started_by": interview.started_by.full_name,
                "answers": [
                    {
                        "topic": titles[a.section].title if a.section in titles else a.section,
                        "question": str(titles[a.section].form.base_fields[a.field].label)
                        if a.section in titles and a.field in titles[a.section].form.base_fields
                        else a.field,
                        "answer": answers.shown(
                            titles[a.section].form.base_fields[a.field], a.value
                        )
                        if a.section in titles and a.field in titles[a.section].form.base_fields
                        else str(a.value),
                        "source": a.source_label,
                        "obtained_on": a.obtained_on,
                    }
                    for a in given
                ],
                "summary_gone_through": interview.summary_text,
                "response": interview.get_response_display(),
                "response_on": interview.response_on,
            }
        )
    return found
