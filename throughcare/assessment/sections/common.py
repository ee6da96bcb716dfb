"""Building blocks shared by the assessment's sections: the answer lists, the radios, and the
cross-field checks' helpers. Answers are stored as JSON (strings, lists, whole numbers, ISO
dates), so the fields are simple ones."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms

from throughcare.core import clock
from throughcare.ui.forms import BaseForm, DateField, use_govuk_messages

YES, NO, NOT_KNOWN = "yes", "no", "not known"
YES_NO: list[tuple[str, str]] = [(YES, "Yes"), (NO, "No")]
YES_NO_NOT_KNOWN: list[tuple[str, str]] = [*YES_NO, (NOT_KNOWN, "Not known")]
SHORT_TEXT = 200  # a name, an agency, a reference
DATE_HINT = "For example, 27 3 2026"


def radios(
    label: str,
    choices: Iterable[tuple[str, str]],
    *,
    required: bool = True,
    hint: str = "",
    inline: bool = False,
    error: str = "",
) -> forms.ChoiceField:
    """A choice shown as GOV.UK radios (inline for two or three short answers); `error`: the
    message when none is chosen, where "Select" and the label would not read well."""
    attrs = {"class": "govuk-radios--inline"} if inline else None
    return forms.ChoiceField(
        label=label,
        choices=list(choices),
        required=required,
        help_text=hint,
        widget=forms.RadioSelect(attrs=attrs),
        error_messages={"required": error, "invalid_choice": error} if error else None,
    )


def yes_no(
    label: str, *, required: bool = True, hint: str = "", known: bool = False, error: str = ""
) -> forms.ChoiceField:
    """Yes or no (and "Not known" with `known=True`), inline."""
    choices = YES_NO_NOT_KNOWN if known else YES_NO
    return radios(label, choices, required=required, hint=hint, inline=True, error=error)


def short_text(label: str, *, required: bool = True, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=hint, max_length=SHORT_TEXT, strip=True
    )


def count(label: str, *, highest: int, required: bool = True, hint: str = "") -> forms.IntegerField:
    """A whole number from 0 to `highest`, typed (GOV.UK asks for a text input, numeric)."""
    return forms.IntegerField(
        label=label,
        required=required,
        help_text=hint,
        min_value=0,
        max_value=highest,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )


def when(label: str, *, required: bool = True, hint: str = DATE_HINT) -> DateField:
    return DateField(label=label, required=required, help_text=hint)


def blank(value: Any) -> bool:
    return value in (None, "", [], ())


def require(form: BaseForm, name: str, message: str) -> None:
    """An error on `name` when it is blank and has no error of its own yet."""
    if name in form.fields and name not in form.errors and blank(form.cleaned_data.get(name)):
        form.add_error(name, message)


def not_in_future(form: BaseForm, name: str, message: str) -> None:
    value = form.cleaned_data.get(name)
    if isinstance(value, date) and value > clock.today():
        form.add_error(name, message)


def long_date(value: date) -> str:
    return value.strftime("%-d %B %Y")


def lower_first(label: str) -> str:
    """'Finance and ID' -> 'finance and ID' (for a label inside a sentence)."""
    return label[:1].lower() + label[1:]


def add_field(form: BaseForm, name: str, field: forms.Field, *, required_message: str = "") -> None:
    """A field added in a form's `__init__`, with the GOV.UK messages the form's own get (and
    its own message when it is left blank)."""
    form.fields[name] = field
    use_govuk_messages(name, field)
    if required_message:
        field.error_messages["required"] = required_message
        if isinstance(field.widget, forms.RadioSelect):  # only a changed page sends another
            field.error_messages["invalid_choice"] = required_message


def drop(form: BaseForm, cleaned: dict[str, Any], name: str) -> None:
    """Forgets an answer hidden by the one it depends on (a conditional reveal that the choice
    above closed): it is stored blank, and any error in it no longer stops the save."""
    form.errors.pop(name, None)
    cleaned[name] = (
        None if isinstance(form.fields.get(name), DateField | forms.IntegerField) else ""
    )
