"""The assessment's part of the subject access export: every version of the person's
assessment, its state and who wrote and countersigned it, and every answer, except the
sections that hold other people's information (domestic abuse, which the victim gave;
safeguarding, about children and adults at risk; other agencies' contributions), which are
listed as withheld, with the reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from throughcare.core.subject_access import Part, Section, Withheld
from throughcare.records.models import Version

from . import presenters

if TYPE_CHECKING:
    from throughcare.people.models import Person

THIRD_PARTY_SECTIONS = ("domestic-abuse", "safeguarding", "contributions")
THIRD_PARTY = Withheld(
    "third-party information in the assessment",
    "Third-party information (the victim's domestic abuse information, safeguarding of "
    "children and adults, other agencies' contributions) is withheld under the Data "
    "Protection Act 2018, Schedule 2, paragraph 16, unless they consent",
)


def _versions(person: Person) -> list[Version]:
    return list(
        Version.objects.filter(person=person, document__kind="assessment")
        .select_related("author", "countersigned_by")
        .order_by("number")
    )


def _assessments(person: Person) -> list[dict[str, Any]]:
    titles = presenters.section_titles()
    return [
        {
            "version": version.number,
            "state": version.get_state_display(),
            "written_by": str(version.author),
            "submitted_at": version.submitted_at,
            "countersigned_by": str(version.countersigned_by or "") or None,
            "answers": [
                {
                    "section": titles.get(row.section, row.section),
                    "question": row.label,
                    "answer": row.shown,
                }
                for row in presenters.rows(version, leave_out=THIRD_PARTY_SECTIONS)
            ],
        }
        for version in _versions(person)
    ]


def _withheld(person: Person) -> list[dict[str, Any]]:
    return [
        THIRD_PARTY.item()
        for version in _versions(person)
        if any(version.content.get(key) for key in THIRD_PARTY_SECTIONS)
    ]


PART = Part(
    app="assessment",
    sections=(
        Section(
            "assessments",
            86,
            _assessments,
            includes="every version of their assessment of risk, who wrote and countersigned "
            "it, and its answers and scores",
        ),
        Section("assessment_third_party", 87, _withheld, withheld=THIRD_PARTY),
    ),
    covers={"assessment.Assessment": "assessments"},
)
