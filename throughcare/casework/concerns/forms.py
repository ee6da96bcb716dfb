"""The forms of urgent concerns: recording one, an action taken, and its resolution."""

from __future__ import annotations

from datetime import time
from typing import Any

from django import forms

from throughcare.rules.times import parse_time
from throughcare.ui.fields import CHARACTER_COUNT
from throughcare.ui.forms import BaseForm, DateField

from ..sources import TEXT_LIMIT as SOURCE_TEXT_LIMIT
from ..sources import SourceKind
from .models import REFERENCE_LIMIT, TEXT_LIMIT, ConcernAction, UrgentConcern


class TimeOfDayField(forms.CharField):
    """A time typed into one box, as GOV.UK asks for it: "9:30am", "14:30", "midday"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-5"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> time | None:
        text = super().clean(value)
        if not text:
            return None
        found = parse_time(text)
        if found is None:
            raise forms.ValidationError(
                f"Enter {str(self.label).lower()} as a time of day, like 9:30am or 14:30",
                code="invalid",
            )
        return found


def _text(label: str, missing: str, limit: int = TEXT_LIMIT, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 8, CHARACTER_COUNT: limit}),
        max_length=limit,
        error_messages={
            "required": missing,
            "max_length": f"{label} must be {limit:,} characters or fewer",
        },
        **kwargs,
    )


class ConcernForm(BaseForm):
    concern_type = forms.ChoiceField(
        label="Type of concern",
        choices=UrgentConcern.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of concern"},
    )
    account = _text(
        "What was said or seen",
        "Enter what was said or seen",
        help_text="In the words used, where you can.",
    )
    source_kind = forms.ChoiceField(
        label="Who said it or saw it",
        choices=SourceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who said it or saw it"},
    )
    source_name = forms.CharField(
        label="Their name",
        required=False,
        max_length=SOURCE_TEXT_LIMIT,
        help_text="For a colleague, a document or a partner organisation",
    )
    source_role = forms.CharField(
        label="Their role",
        required=False,
        max_length=SOURCE_TEXT_LIMIT,
        help_text="For a colleague",
    )
    occurred_on = DateField(
        label="Date", help_text="When it was said or seen. For example, 27 3 2026"
    )
    occurred_time = TimeOfDayField(
        label="Time",
        help_text="For example, 9:30am or 14:30",
        error_messages={"required": "Enter the time it was said or seen"},
    )


class ActionForm(BaseForm):
    kind = forms.ChoiceField(
        label="Action taken",
        choices=ConcernAction.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action taken"},
    )
    reference = forms.CharField(
        label="Reference",
        required=False,
        max_length=REFERENCE_LIMIT,
        help_text="The reference the police, children's services or adults' services gave",
    )
    details = _text(
        "What was done",
        "Enter what was done",
        required=False,
        help_text="Needed for another action; optional otherwise.",
    )
    taken_on = DateField(label="Date", help_text="When it was done. For example, 27 3 2026")
    taken_time = TimeOfDayField(
        label="Time",
        help_text="For example, 9:30am or 14:30",
        error_messages={"required": "Enter the time it was done"},
    )


class ResolutionForm(BaseForm):
    resolution = _text(
        "How the concern was resolved",
        "Enter how the concern was resolved",
    )
