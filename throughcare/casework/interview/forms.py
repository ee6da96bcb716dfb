from __future__ import annotations

from django import forms

from throughcare.ui.forms import BaseForm, DateField

from .models import Interview
from .questions import TEXT_LIMIT


class ResponseForm(BaseForm):
    """The person's response to the summary (P5)."""

    response = forms.ChoiceField(
        label="What did they say about the summary?",
        choices=Interview.Response.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what they said about the summary"},
    )
    correction = forms.CharField(
        label="What they wanted corrected, in their words",
        required=False,
        max_length=TEXT_LIMIT,
        help_text="Kept beside the summary, which is not changed",
        widget=forms.Textarea(attrs={"rows": 5, "data-character-count": TEXT_LIMIT}),
    )
    response_on = DateField(
        label="Date you went through the summary with them",
        help_text="For example, 27 3 2026",
    )


class AmendmentForm(BaseForm):
    """An amendment beside an answer written on an earlier day (P15)."""

    text = forms.CharField(
        label="Amendment",
        max_length=TEXT_LIMIT,
        help_text="What should now be read with the original answer. The original is kept",
        widget=forms.Textarea(attrs={"rows": 5, "data-character-count": TEXT_LIMIT}),
        error_messages={"required": "Enter the amendment"},
    )
    reason = forms.CharField(
        label="Why it is amended",
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
