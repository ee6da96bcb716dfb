"""The plain-language summary of an interview, built from the answers, to go through with the
person (P5) and to print as their copy. Written to them ("you told us"), in short paragraphs,
one a topic; answers not given are left out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from throughcare.ui import answers

from . import questions

# What each answer is about, as the summary says it to the person. Answers not listed here
# (the practitioner's confirmations and own observations) are not in the summary.
SAID: dict[str, dict[str, str]] = {
    "opening": {
        "communication": "How you prefer to communicate",
        "interpreter_language": "The language you would like an interpreter for",
        "support": "Support you need with reading or anything else",
    },
    "offending": {
        "view_of_offending": "How you see your offending",
        "why": "Why you think it happened",
        "pattern": "A pattern you see",
    },
    "circumstances": dict(questions.PATHWAYS),
    "victims": {
        "attitude": "How you see the people you harmed",
        "feelings": "How you feel about the harm done",
    },
    "release-effect": {
        "on_victims": "What your release will mean for the people you harmed",
        "on_community": "What it will mean for the community",
    },
    "release-plans": {
        "obstacles": "What may get in the way of change",
        "concerns": "Your worries about release",
        "plans": "Your plans for release",
    },
    "supervision": {"attitude": "Supervision and your licence"},
    "extreme-views": {"details": "Views we talked about"},
    "behaviour": {"challenged": "Something that happened during our conversation"},
}


@dataclass(frozen=True)
class Paragraph:
    heading: str
    text: str


def paragraphs(values: Mapping[str, Mapping[str, Any]]) -> list[Paragraph]:
    """The summary as paragraphs, from the stored answers by section and question."""
    forms = {section.key: section.form.base_fields for section in questions.SECTIONS}
    found = []
    for section, topics in SAID.items():
        given = values.get(section, {})
        for field, heading in topics.items():
            stored = given.get(field)
            if stored is None or answers.is_blank(stored):
                continue
            found.append(Paragraph(heading, answers.shown(forms[section][field], stored)))
    return found


def as_text(found: list[Paragraph]) -> str:
    """The summary as one text, kept as it was when the person's response was recorded."""
    return "\n\n".join(f"{p.heading}: {p.text}" for p in found)
