"""Form building blocks that follow the GOV.UK Design System.

`DateField` and `DateWidget` implement the date input pattern
(https://design-system.service.gov.uk/components/date-input/): three text boxes, the
pattern's error messages, and the typed day, month and year redisplayed exactly as typed.
`BaseForm` is the base class for Throughcare's forms; `{% govuk_field %}` renders their fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import pretty_name
from django.http import HttpRequest, QueryDict

DATE_PARTS = ("day", "month", "year")


def _is_number(text: str) -> bool:
    """Only the ASCII digits 0-9: str.isdigit() is also true for superscript and circled
    digits ("²", "⑤"), which int() refuses, and int() reads other scripts' digits."""
    return text.isascii() and text.isdigit()


class DateWidget(forms.MultiWidget):
    """Day, month and year text boxes, submitted as `<name>_day`, `<name>_month`, `<name>_year`.

    Rendered by `{% govuk_field %}` through the date-input component, never by Django's own
    widget templates.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        part_attrs = {"inputmode": "numeric", "spellcheck": "false"}
        super().__init__({part: forms.TextInput(part_attrs) for part in DATE_PARTS}, attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


def _sentence_start(label: str) -> str:
    """'Date of birth' -> 'date of birth', leaving initialisms ('NHS number') alone."""
    if len(label) > 1 and label[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


class DateField(forms.MultiValueField):
    """A date typed into a `DateWidget`, with the GOV.UK date input pattern's error messages.

    Each error's `params["parts"]` names the boxes to highlight, so only those get the error
    style. The messages use the field's label, so give the field one.
    """

    widget = DateWidget
    default_error_messages = {
        "required": "Enter %(label)s",
        "incomplete": "%(Label)s must include a %(missing)s",
        "invalid": "%(Label)s must be a real date",
        "year": "Year must include 4 numbers",
    }

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def _error(self, code: str, parts: Sequence[str], **params: str) -> ValidationError:
        label = str(self.label or "Date")
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={
                "label": _sentence_start(label),
                "Label": label,
                "parts": tuple(parts),
                **params,
            },
        )

    def clean(self, value: Any) -> datetime.date | None:
        typed = dict(zip(DATE_PARTS, value or (), strict=False))
        day, month, year = (str(typed.get(part) or "").strip() for part in DATE_PARTS)
        if not (day or month or year):
            if self.required:
                raise self._error("required", DATE_PARTS)
            return None
        missing = [
            part for part, text in zip(DATE_PARTS, (day, month, year), strict=True) if not text
        ]
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))
        result = self._to_date(day, month, year)
        self.validate(result)
        self.run_validators(result)
        return result

    def _to_date(self, day: str, month: str, year: str) -> datetime.date:
        wrong = [
            part
            for part, text, highest in (("day", day, 31), ("month", month, 12))
            if not (_is_number(text) and 1 <= int(text) <= highest)
        ]
        if not (_is_number(year) and len(year) == 4):
            if _is_number(year) and not wrong:
                raise self._error("year", ["year"])
            wrong.append("year")
        if wrong:
            raise self._error("invalid", wrong if len(wrong) == 1 else DATE_PARTS)
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            # 31 April or 29 February 2023: it isn't clear which box is wrong.
            raise self._error("invalid", DATE_PARTS) from None

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        return self._to_date(*(str(part or "").strip() for part in data_list))

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.clean(data) != initial
        except ValidationError:
            return True


# The largest row id any database here stores (a signed 64-bit integer).
LARGEST_ID = 2**63 - 1


def _could_be_id(field: forms.ModelChoiceField, value: Any) -> bool:
    """Whether a typed value could name a row: for an integer key, ASCII digits within 64 bits.
    SQLite raises OverflowError for a larger number, which Django's choice fields do not
    expect, so a 30-digit id posted by hand would be a 500 rather than a wrong choice."""
    if isinstance(value, models.Model) or field.queryset is None:
        return True
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    if not isinstance(key, models.IntegerField | models.AutoField):
        return True
    text = str(value)
    return _is_number(text) and int(text) <= LARGEST_ID


class ModelChoiceField(forms.ModelChoiceField):
    """Django's ModelChoiceField, refusing ids that could not exist before asking the database."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _could_be_id(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ModelMultipleChoiceField, refusing ids that could not exist before asking the
    database."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple) and not all(_could_be_id(self, v) for v in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)


def date_error_parts(errors: Any) -> tuple[str, ...]:
    """The date parts to highlight for a date field's errors: all three unless a DateField
    error says which."""
    for error in errors.as_data() if hasattr(errors, "as_data") else ():
        parts = (error.params or {}).get("parts")
        if parts:
            return tuple(parts)
    return DATE_PARTS


def _django_defaults(field: forms.Field) -> dict[str, Any]:
    """The error messages a field has when its form gives it none of its own."""
    defaults: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return defaults


def _limit(validators: Sequence[Any], code: str) -> Any:
    for validator in validators:
        if getattr(validator, "code", None) == code:
            return validator.limit_value
    return None


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def govuk_error_messages(name: str, field: forms.Field) -> dict[str, str]:
    """The GOV.UK Design System's error messages for a field, naming it by its label, in place
    of Django's defaults ("This field is required.", "Ensure this value has at most 100
    characters (it has 101).", "Select a valid choice..."). `DateField` has its own."""
    label = str(field.label or pretty_name(name))
    lower = _sentence_start(label)
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
    # A value that is not one of the choices: only a changed page or a stale list sends one.
    not_offered = (
        f"Select {lower}"
        if isinstance(field.widget, forms.RadioSelect)
        else f"Choose {lower} from the list"
    )
    messages = {
        "required": f"Select {lower}" if choosing else f"Enter {lower}",
        "invalid_choice": not_offered,
        "invalid_pk_value": not_offered,
        "invalid_list": not_offered,
        "null_characters_not_allowed": f"{label} must not include hidden control characters",
    }
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{label} must be a whole number"
    for code, wording in (
        ("max_length", "{label} must be {limit} characters or fewer"),
        ("min_length", "{label} must be {limit} characters or more"),
        ("max_value", "{label} must be {limit} or less"),
        ("min_value", "{label} must be {limit} or more"),
    ):
        limit = _limit(field.validators, code)
        if limit is not None:
            messages[code] = wording.format(label=label, limit=_number(limit))
    return messages


def use_govuk_messages(name: str, field: forms.Field) -> None:
    """Gives `field` the GOV.UK error messages wherever it has Django's own (a form that adds
    fields in its `__init__` calls this for each)."""
    if isinstance(field, DateField):
        return  # the date input pattern's own messages
    defaults = _django_defaults(field)
    for code, message in govuk_error_messages(name, field).items():
        current = field.error_messages.get(code)
        if current is None or current is defaults.get(code):
            field.error_messages[code] = message


class GovUKFormMixin(forms.BaseForm):
    """GOV.UK defaults for any Django form, `forms.ModelForm` included: no colon after labels,
    the error class GOV.UK Frontend uses, and error messages in the Design System's words
    naming the field ("Nationality must be 100 characters or fewer") wherever the form does
    not give its own. Render the fields with `{% govuk_field %}`."""

    error_css_class = "govuk-form-group--error"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            use_govuk_messages(name, field)


class BaseForm(GovUKFormMixin, forms.Form):
    """The base class of Throughcare's forms.

    `blank_is_impersonal`: True on a form whose fields, unbound, hold nothing about a person
    or user (no initial values or choices read from a record), so that the markup of its blank
    fields may be kept and reused (`components.render_kept`): the add-note form is on every
    timeline page."""

    blank_is_impersonal: ClassVar[bool] = False


# The longest answer in words a long form takes (a page of writing, and more).
LONG_TEXT_LIMIT = 20_000


def long_text(
    label: str, *, required: bool = True, hint: str = "", rows: int = 5
) -> forms.CharField:
    """A question answered in words (the long forms' one builder): a textarea with a character
    count, stripped, limited to `LONG_TEXT_LIMIT`."""
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        max_length=LONG_TEXT_LIMIT,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows, "data-character-count": LONG_TEXT_LIMIT}),
    )


def limited_text(
    label: str,
    *,
    limit: int,
    required: bool = False,
    missing: str = "",
    hint: str = "",
    rows: int = 4,
) -> forms.CharField:
    """A textarea with a character count, limited to `limit` characters: "<label> must be
    <limit> characters or fewer" when too long, and `missing` (if given) when required and empty."""
    messages = {"max_length": f"{label} must be {limit:,} characters or fewer"}
    if missing:
        messages["required"] = missing
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows, "data-character-count": limit}),
        error_messages=messages,
    )


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: what was posted, even if empty, or None on a GET.

    (`request.POST or None` would leave a form unbound, and so silently unchecked, when a post
    carries no fields at all.)"""
    return request.POST if request.method == "POST" else None


def posted_values(form: forms.BaseForm, name: str, value: Any) -> dict[str, str | None]:
    """What a browser would post for the field `name` showing `value`: each key of the form
    data and its text, None for a key a browser leaves out (an unticked checkbox). For putting
    a value into a bound form's data, as if the user had typed it."""
    bound = form[name]
    widget = bound.field.widget
    prepared = bound.field.prepare_value(value)
    if isinstance(widget, forms.MultiWidget):
        suffixes: list[str] = widget.widgets_names  # type: ignore[attr-defined]
        parts = widget.decompress(prepared) or [None] * len(suffixes)
        return {
            f"{bound.html_name}{suffix}": "" if part is None else str(part)
            for suffix, part in zip(suffixes, parts, strict=True)
        }
    if isinstance(widget, forms.CheckboxInput):
        return {bound.html_name: "on" if value else None}
    return {bound.html_name: "" if prepared is None else str(prepared)}
