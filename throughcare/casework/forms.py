from __future__ import annotations

from django import forms

from throughcare.ui.fields import CHARACTER_COUNT
from throughcare.ui.forms import BaseForm, DateField

from .models import CaseNote

# The radio that says no sudden change is recorded (radios cannot be unselected once chosen).
NO_ACUTE_CHANGE = "none"


class CaseNoteForm(BaseForm):
    # Blank, it holds today's date and the fixed choices: rendered once a day per process.
    blank_is_impersonal = True

    note_type = forms.ChoiceField(
        label="Type of note",
        choices=CaseNote.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of note"},
    )
    occurred_on = DateField(label="Date", help_text="When it happened. For example, 27 3 2026")
    text = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 6, CHARACTER_COUNT: 20_000}),
        max_length=20_000,
        error_messages={
            "required": "Enter the note",
            "max_length": "The note must be 20,000 characters or fewer",
        },
    )
    acute_change = forms.ChoiceField(
        label="Sudden change (optional)",
        choices=[*CaseNote.AcuteChange.choices, (NO_ACUTE_CHANGE, "None of these")],
        widget=forms.RadioSelect,
        required=False,
        help_text="If this note records a sudden change that can raise risk. "
        "For another sudden change, say what it is in the note",
        error_messages={"invalid_choice": "Select a sudden change from the list"},
    )
    sensitive = forms.BooleanField(
        label="This note is sensitive",
        required=False,
        help_text="Only the allocated staff and their team will see it",
    )
    withheld_from_partners = forms.BooleanField(
        label="Not for disclosure to partners",
        required=False,
        help_text="Partner agencies will never see it, whatever is shared with them",
    )

    def clean_acute_change(self) -> str:
        """ "None of these" is no sudden change."""
        value = str(self.cleaned_data.get("acute_change") or "")
        return "" if value == NO_ACUTE_CHANGE else value
