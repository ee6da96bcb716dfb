"""The forms of the release pages. Every free-text field has a limit; errors are in GOV.UK
words; the hidden `version` is the version of the record the user loaded."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms

from throughcare.casework.concerns.forms import TimeOfDayField
from throughcare.ui.forms import BaseForm, DateField, limited_text, use_govuk_messages

from .models import (
    NEEDS,
    SHORT_LIMIT,
    TEXT_LIMIT,
    AppointmentKept,
    AppointmentWhen,
    AppointmentWho,
    IdDocument,
    InWork,
    NeedStatus,
    Slept,
)
from .services import NO, YES

_long = partial(limited_text, limit=TEXT_LIMIT, rows=3)


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ReadinessForm(BaseForm):
    """Marking ready for release: nothing to fill in; the criteria are checked."""


class ChecklistForm(BaseForm):
    """Each need's status and details, the ID documents, and the first appointment."""

    version = _version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in NEEDS:
            self.fields[f"{key}_status"] = forms.ChoiceField(
                label=label,
                choices=NeedStatus.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            if key == "id":
                self.fields["id_documents"] = forms.MultipleChoiceField(
                    label="ID documents they have",
                    choices=IdDocument.choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": "Select the ID documents from the list"},
                )
            self.fields[f"{key}_details"] = _long(f"{label}: details")
        self.fields["appointment_who"] = forms.ChoiceField(
            label="Who the first appointment is with",
            choices=AppointmentWho.choices,
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["appointment_name"] = forms.CharField(
            label="Their name",
            required=False,
            max_length=SHORT_LIMIT,
            help_text="For a named person",
        )
        self.fields["appointment_when"] = forms.ChoiceField(
            label="When the first appointment is",
            choices=AppointmentWhen.choices,
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["appointment_on"] = DateField(
            label="Date of the first appointment",
            required=False,
            help_text="For a set date and time. For example, 27 3 2026",
        )
        self.fields["appointment_time"] = TimeOfDayField(
            label="Time of the first appointment",
            required=False,
            help_text="For a set date and time. For example, 9:30am or 14:30",
        )
        for name, field in self.fields.items():
            use_govuk_messages(name, field)


class HandoverForm(BaseForm):
    version = _version()
    handed_over_on = DateField(label="Date of the handover", help_text="For example, 27 3 2026")
    resettlement_plan_shared = forms.BooleanField(
        label="The resettlement plan shared", required=False
    )
    risk_plan_shared = forms.BooleanField(label="The risk management plan shared", required=False)
    licence_conditions_drafted = forms.BooleanField(
        label="Licence conditions drafted", required=False
    )
    checklist_reviewed = forms.BooleanField(
        label="The day-of-release checklist reviewed", required=False
    )
    accommodation_confirmed = forms.BooleanField(label="Accommodation confirmed", required=False)
    meeting_held = forms.ChoiceField(
        label="Was a handover meeting held?",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether a handover meeting was held"},
    )
    meeting_on = DateField(
        label="Date of the handover meeting",
        required=False,
        help_text="If a meeting was held. For example, 27 3 2026",
    )
    meeting_not_held_because = _long("Why no meeting was held", hint="If no meeting was held")
    notes = _long("Anything else the community offender manager should know", rows=4)


class AcceptForm(BaseForm):
    """Accepting the handover: nothing to fill in."""


class ReleaseForm(BaseForm):
    version = _version()
    released_on = DateField(label="Date of release", help_text="For example, 27 3 2026")
    slept = forms.ChoiceField(
        label="Where did they sleep on the night of release?",
        choices=Slept.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where they slept on the night of release"},
    )
    slept_details = _long(
        "Where they slept: details", hint="The address or the accommodation, if known"
    )
    appointment_kept = forms.ChoiceField(
        label="Did they keep the first appointment?",
        choices=AppointmentKept.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they kept the first appointment"},
    )


class OutcomeForm(BaseForm):
    """The outcomes after release: each may be left blank until it is known."""

    version = _version()
    in_work_at_six_weeks = forms.ChoiceField(
        label="Were they in work or training six weeks after release?",
        choices=InWork.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Select whether they were in work or training six weeks after release"
        },
    )
    recalled_on = DateField(
        label="Date recalled to custody",
        required=False,
        help_text="Leave blank if they have not been recalled. For example, 27 3 2026",
    )
    reoffence_on = DateField(
        label="Date of the new offence",
        required=False,
        help_text="The date of the first new offence proven by a court, if there is one. "
        "For example, 27 3 2026",
    )
