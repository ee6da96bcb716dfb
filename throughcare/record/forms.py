"""Forms for the person record. They parse what was typed; the services decide what is valid,
so the same rules hold for pages and the API."""

from __future__ import annotations

from typing import Any

from django import forms

from throughcare.access.models import Organisation, Role, User
from throughcare.people import rules
from throughcare.people.choices import (
    OGRS3_CATEGORY_CHOICES,
    Disability,
    Ethnicity,
    Religion,
    SentenceType,
    Sex,
)
from throughcare.ui.forms import BaseForm, DateField, ModelChoiceField

BLANK = [("", "Not recorded")]


class PersonForm(BaseForm):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter their first name"}
    )
    middle_names = forms.CharField(label="Middle names", max_length=200, required=False)
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter their last name"}
    )
    preferred_name = forms.CharField(
        label="Preferred name",
        max_length=100,
        required=False,
        help_text="What they would like to be called, if different",
    )
    date_of_birth = DateField(label="Date of birth", help_text="For example, 27 3 1990")
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect,
        help_text="As registered",
        error_messages={"required": "Select their sex"},
    )
    prison_number = forms.CharField(
        label="Prison number",
        required=False,
        max_length=10,
        help_text="A letter, 4 numbers and 2 letters, like A1234BC",
    )
    pnc_number = forms.CharField(
        label="PNC number",
        required=False,
        max_length=16,
        help_text="Police National Computer number, like 2012/0052494X",
    )
    prison = ModelChoiceField(
        label="Prison",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PRISON),
        required=False,
        empty_label="Not in custody",
    )
    community_address = forms.CharField(
        label="Community address",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pom = ModelChoiceField(
        label="Prison offender manager",
        queryset=User.objects.filter(role=Role.POM, is_active=True),
        required=False,
        empty_label="Not allocated",
    )
    com = ModelChoiceField(
        label="Community offender manager",
        queryset=User.objects.filter(role=Role.COM, is_active=True),
        required=False,
        empty_label="Not allocated",
    )
    # Protected characteristics, for equality monitoring.
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=BLANK + Ethnicity.choices, required=False
    )
    gender_identity = forms.CharField(
        label="Gender identity",
        required=False,
        max_length=100,
        help_text="Only if the person has chosen to tell you",
    )
    nationality = forms.CharField(label="Nationality", required=False, max_length=100)
    first_language = forms.CharField(label="First language", required=False, max_length=100)
    interpreter_required = forms.BooleanField(label="Needs an interpreter", required=False)
    disability = forms.ChoiceField(
        label="Does the person consider themselves to have a disability?",
        choices=BLANK + Disability.choices,
        required=False,
    )
    disability_details = forms.CharField(
        label="Disability details and adjustments needed",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    religion = forms.ChoiceField(
        label="Religion or belief (optional)", choices=BLANK + Religion.choices, required=False
    )

    def clean_prison_number(self) -> str:
        return rules.normalise_identifier(self.cleaned_data["prison_number"])

    def clean_pnc_number(self) -> str:
        return rules.normalise_pnc(self.cleaned_data["pnc_number"])


class SentenceForm(BaseForm):
    sentence_type = forms.ChoiceField(
        label="Type of sentence",
        choices=SentenceType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of sentence"},
    )
    sentence_date = DateField(label="Date of sentence")
    length_years = forms.IntegerField(label="Years", min_value=0, max_value=99, required=False)
    length_months = forms.IntegerField(label="Months", min_value=0, max_value=11, required=False)
    length_days = forms.IntegerField(label="Days", min_value=0, max_value=365, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field, label in rules.KEY_DATES.items():
            self.fields[field] = DateField(label=label, required=False)

    MAIN_DATES = ("crd", "ard", "sed", "ped", "hdced", "hdcad", "confirmed_release_date")

    def main_date_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MAIN_DATES]

    def other_date_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in rules.KEY_DATES if name not in self.MAIN_DATES]


class OffenceForm(BaseForm):
    description = forms.CharField(
        label="Offence", max_length=300, error_messages={"required": "Enter the offence"}
    )
    ogrs3_category = forms.ChoiceField(
        label="OGRS3 offence category",
        choices=[("", "Cannot be placed in a category yet")] + OGRS3_CATEGORY_CHOICES,
        required=False,
        help_text="If the offence is too vague to place, leave this: OGRS3 will say what is "
        "missing rather than guess",
    )
    conviction_date = DateField(label="Date of conviction")
    is_main = forms.BooleanField(label="This is the main offence", required=False)


class VictimForm(BaseForm):
    name = forms.CharField(
        label="Victim's name", max_length=200, error_messages={"required": "Enter their name"}
    )
    relationship = forms.CharField(
        label="Relationship to the person",
        max_length=200,
        error_messages={"required": "Enter their relationship to the person"},
    )
    safety_concerns = forms.CharField(
        label="Safety concerns and contact restrictions",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    postcode = forms.CharField(
        label="Victim's postcode",
        required=False,
        max_length=10,
        help_text="Where they live, if known. Release options at this postcode are flagged",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    keep_clear = forms.CharField(
        label="Areas the person must keep clear of",
        required=False,
        max_length=2000,
        help_text="Postcode districts (like NB2) or named areas (like Hillside estate), one "
        "per line. Release options in these areas are flagged",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PersonDetailsForm(PersonForm):
    """Changing a person's details. Allocation is changed by reallocation, not here; `version`
    is the version the user loaded, so a stale save can be refused; `loaded` carries the values
    shown then (people.conflicts), so that only what the user changed is written."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["pom"]
        del self.fields["com"]


class ReallocationForm(BaseForm):
    pom = PersonForm.base_fields["pom"]
    com = PersonForm.base_fields["com"]
    version = forms.IntegerField(widget=forms.HiddenInput)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)


class AliasForm(BaseForm):
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
