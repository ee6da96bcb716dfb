"""Binding the assessment's forms as a browser posts them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from throughcare.assessment.sections.headline import RecordFacts

FACTS = RecordFacts(
    date_of_birth=date(1990, 6, 5),
    sex="male",
    offence_category="Burglary (domestic)",
    offence_description="Burglary of a dwelling",
    conviction_date=date(2024, 3, 12),
)


def typed(name: str, value: date) -> dict[str, str]:
    """A date as typed into the GOV.UK date input's three boxes."""
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def bind(form_class: type[forms.Form], data: dict[str, Any], **kwargs: Any) -> forms.Form:
    posted: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, date):
            posted.update(typed(name, value))
        else:
            posted[name] = value
    form = form_class(posted, **kwargs)
    form.is_valid()
    return form


def errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(e) for e in found] for name, found in form.errors.items()}
