"""Needs by resettlement pathway: for each, the level of need, the evidence, and the gathered
entries it rests on (the choices come from the record through `FormSection.kwargs`)."""

from __future__ import annotations

from typing import Any

from django import forms

from throughcare.casework.interview.questions import PATHWAYS
from throughcare.ui.forms import BaseForm, long_text

from .common import add_field, lower_first, radios

NO_NEED, STANDARD, SEVERE = "no need", "standard", "severe"
SEVERITIES: list[tuple[str, str]] = [
    (NO_NEED, "No need"),
    (STANDARD, "Standard"),
    (SEVERE, "Severe"),
]


def severity_field(pathway: str) -> str:
    return f"{pathway}_severity"


def evidence_field(pathway: str) -> str:
    return f"{pathway}_evidence"


def rests_on_field(pathway: str) -> str:
    return f"{pathway}_rests_on"


class NeedsForm(BaseForm):
    """One level of need, its evidence and what it rests on for each pathway. `entries`: the
    gathered entries that can be cited, as (reference, label); none, no checkboxes."""

    def __init__(self, *args: Any, entries: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for key, label in PATHWAYS:
            add_field(
                self,
                severity_field(key),
                radios(f"{label}: level of need", SEVERITIES, inline=True),
                required_message=f"Select the level of need in {lower_first(label)}",
            )
            add_field(
                self,
                evidence_field(key),
                long_text(
                    f"{label}: the evidence",
                    required=False,
                    hint="Needed for a standard or severe need: what shows it",
                    rows=3,
                ),
            )
            if entries:
                add_field(
                    self,
                    rests_on_field(key),
                    forms.MultipleChoiceField(
                        label=f"{label}: what it rests on",
                        choices=list(entries),
                        required=False,
                        help_text="Select the gathered entries the evidence comes from",
                        widget=forms.CheckboxSelectMultiple,
                    ),
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for key, label in PATHWAYS:
            severity = cleaned.get(severity_field(key))
            name = evidence_field(key)
            if severity in (STANDARD, SEVERE) and not cleaned.get(name) and name not in self.errors:
                self.add_error(
                    name, f"Enter the evidence for the {severity} need in {lower_first(label)}"
                )
        return cleaned
