"""Form building blocks that follow the GOV.UK Design System.

`DateField` and `DateWidget` implement the date input pattern
(https://design-system.service.gov.uk/components/date-input/): three text boxes, the
pattern's error messages, and the typed day, month and year redisplayed exactly as typed.
`BaseForm` is the base class for Throughcare's forms; `{% govuk_field %}` renders their fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
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


def date_error_parts(errors: Any) -> tuple[str, ...]:
    """The date parts to highlight for a date field's errors: all three unless a DateField
    error says which."""
    for error in errors.as_data() if hasattr(errors, "as_data") else ():
        parts = (error.params or {}).get("parts")
        if parts:
            return tuple(parts)
    return DATE_PARTS


class GovUKFormMixin(forms.BaseForm):
    """GOV.UK defaults for any Django form, `forms.ModelForm` included: no colon after labels,
    and the error class GOV.UK Frontend uses. Render the fields with `{% govuk_field %}`."""

    error_css_class = "govuk-form-group--error"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class BaseForm(GovUKFormMixin, forms.Form):
    """The base class of Throughcare's forms."""


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: what was posted, even if empty, or None on a GET.

    (`request.POST or None` would leave a form unbound, and so silently unchecked, when a post
    carries no fields at all.)"""
    return request.POST if request.method == "POST" else None
