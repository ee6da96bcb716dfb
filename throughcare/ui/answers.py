"""Answers between a form's values, what is stored (JSON) and what a page shows."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from throughcare.ui import words
from throughcare.ui.forms import DateField


def to_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [str(item) for item in value]
    if value is None:
        return ""
    return value


def is_blank(stored: Any) -> bool:
    return stored in ("", None, [], False)


def from_json(field: forms.Field, stored: Any) -> Any:
    """The form's initial value for a stored answer."""
    if isinstance(field, DateField) and isinstance(stored, str) and stored:
        try:
            return date.fromisoformat(stored)
        except ValueError:
            return None
    return stored


def shown(field: forms.Field, stored: Any) -> str:
    """The answer as a page (and the person's copy) shows it."""
    if is_blank(stored):
        return words.NOT_KNOWN if isinstance(field, DateField) else "Not answered"
    if isinstance(field, forms.BooleanField):
        return "Yes" if stored else "No"
    if isinstance(field, DateField):
        value = from_json(field, stored)
        return value.strftime("%-d %B %Y") if value else str(stored)
    if isinstance(field, forms.ChoiceField):
        choices: Any = field.choices
        labels = {str(key): str(label) for key, label in choices}
        if isinstance(stored, list):
            return ", ".join(labels.get(str(item), str(item)) for item in stored)
        return labels.get(str(stored), str(stored))
    return str(stored)
