"""A small kind of signed document for the tests (and the access matrix): two sections, one
with a form whose choices come from the record (`FormSection.kwargs`). Importing this module
registers it."""

from __future__ import annotations

from typing import Any

from django import forms

from throughcare.record.longform import Draft, FormSection
from throughcare.records import kinds, longform
from throughcare.records.models import Version
from throughcare.ui.forms import BaseForm, DateField

KEY = "sample-record"
LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class AboutForm(BaseForm):
    summary = forms.CharField(label="Summary", required=True, max_length=20_000)
    level = forms.ChoiceField(label="Level", choices=LEVELS, required=False)


class SeenForm(BaseForm):
    seen_on = DateField(label="Date seen", required=False)
    agreed = forms.BooleanField(label="Agreed with it", required=False)
    source = forms.ChoiceField(label="Source", choices=[], required=False)

    def __init__(self, *args: Any, sources: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "Choose"), *(sources or [])]  # type: ignore[attr-defined]


def _sources(draft: Draft) -> dict[str, Any]:
    return {"sources": [("police", "Police"), ("prison", "The prison")]}


SECTIONS = (
    FormSection("about", "About", AboutForm),
    FormSection("seen", "Seen", SeenForm, required=False, kwargs=_sources),
)

CHANGES: list[tuple[Any, str]] = []  # what after_change was called with, for the tests


def _rows(version: Version) -> list[kinds.Row]:
    return longform.rows(SECTIONS, version)


def _after_change(user: Any, version: Version) -> None:
    CHANGES.append((user, version.state))


KIND = kinds.register(
    kinds.Kind(
        key=KEY,
        title="Sample record",
        record_section="assessment",
        rows=_rows,
        after_change=_after_change,
        section_titles={"about": "About", "seen": "Seen"},
    )
)
