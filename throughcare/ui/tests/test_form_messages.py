"""Every form's error messages are the GOV.UK Design System's, naming the field, never
Django's defaults: the one place that does it is GovUKFormMixin (ui/forms.py)."""

from __future__ import annotations

import pytest
from django import forms

from throughcare.access.models import Organisation
from throughcare.record.forms import PersonForm, SentenceForm
from throughcare.ui.forms import BaseForm, ModelChoiceField, ModelMultipleChoiceField


def test_length_limit_names_the_field() -> None:
    form = PersonForm(data={"nationality": "x" * 101, "given_name": "A" * 101})
    assert not form.is_valid()
    assert form.errors["nationality"] == ["Nationality must be 100 characters or fewer"]
    assert form.errors["given_name"] == ["First name must be 100 characters or fewer"]


def test_number_limits_name_the_field() -> None:
    form = SentenceForm(data={"length_years": "100", "length_months": "-1", "length_days": "2²"})
    assert not form.is_valid()
    assert form.errors["length_years"] == ["Years must be 99 or less"]
    assert form.errors["length_months"] == ["Months must be 0 or more"]
    assert form.errors["length_days"] == ["Days must be a whole number"]


class Example(BaseForm):
    reason = forms.CharField(label="Reason", max_length=20_000)
    kind = forms.ChoiceField(label="Kind of note", choices=[("a", "A")])
    kind_radio = forms.ChoiceField(label="Type", choices=[("a", "A")], widget=forms.RadioSelect)
    own = forms.CharField(label="Own", error_messages={"required": "Enter your own words"})


def test_defaults_follow_the_design_system() -> None:
    form = Example(data={"reason": "x" * 20_001, "kind_radio": "b"})
    assert not form.is_valid()
    assert form.errors == {
        "reason": ["Reason must be 20,000 characters or fewer"],
        "kind": ["Select kind of note"],
        "kind_radio": ["Select type"],
        "own": ["Enter your own words"],  # a form's own message is kept
    }
    assert Example(data={"kind": "z"}).errors["kind"] == ["Choose kind of note from the list"]
    assert Example(data={"reason": "a\x00b"}).errors["reason"] == [
        "Reason must not include hidden control characters"
    ]


class Choosing(BaseForm):
    organisation = ModelChoiceField(label="Partner", queryset=Organisation.objects.all())
    organisations = ModelMultipleChoiceField(
        label="Partners", queryset=Organisation.objects.all(), widget=forms.CheckboxSelectMultiple
    )


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1" * 30, "9223372036854775808", "²", "1\x00", "-1", "1.0"])
def test_ids_that_cannot_exist_are_an_error_not_a_500(value: str) -> None:
    """SQLite raises OverflowError for a number past 64 bits; Django's choice fields only
    expect ValueError and TypeError. Such an id is simply not one of the choices."""
    form = Choosing(data={"organisation": value, "organisations": [value]})
    assert not form.is_valid()
    assert form.errors == {
        "organisation": ["Choose partner from the list"],
        "organisations": ["Select partners"],
    }
