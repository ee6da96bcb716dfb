"""Turns a person's record into the parameters of our GOV.UK components: the context every
page of the record needs, dates in words, pagination, and what changed meanwhile when a save
is refused as stale."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page
from django.utils.formats import date_format

from throughcare.people.models import Person
from throughcare.people.services import StaleEditError
from throughcare.ui import words

from .sections import sub_navigation

if TYPE_CHECKING:
    from throughcare.access.policy import Access


def long_date(value: date | None) -> str:
    return date_format(value, "j F Y") if value else words.NOT_KNOWN


def pagination(page: Page[Any], query: dict[str, str]) -> dict[str, Any]:
    """Parameters for the pagination component, keeping the other query parameters."""
    if page.paginator.num_pages <= 1:
        return {}

    def href(number: int) -> str:
        return "?" + urlencode({**query, "page": number})

    items: list[dict[str, Any]] = []
    shown = sorted(
        {1, page.paginator.num_pages, page.number - 1, page.number, page.number + 1}
        & set(page.paginator.page_range)
    )
    previous_number = 0
    for number in shown:
        if number - previous_number > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page.number})
        previous_number = number
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params


def person_page(access: Access, section: str, **extra: Any) -> dict[str, Any]:
    """The context every page of a person's record needs: the identity bar, the sections and
    what this user may do (`access`)."""
    return {
        "person": access.person,
        "access": access,
        "section": section,
        "subnav": sub_navigation(access, section),
        **extra,
    }


def field_value_text(field: forms.Field, value: Any) -> str:
    """A field's value as the page would say it: a choice by its label, a date in words."""
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return long_date(value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = cast(Iterable[tuple[Any, Any]], field.choices)
        return str(dict(choices).get(value, value))
    return str(value)


def field_name(form: forms.BaseForm, field: str) -> str:
    """The field's name for a sentence or a table: its label, or for a label that asks a
    question, the model field's name (Disability)."""
    label = str(form.fields[field].label or field).removesuffix(" (optional)")
    if label.endswith("?"):
        name = str(getattr(Person._meta.get_field(field), "verbose_name", field))
        label = name[:1].upper() + name[1:]
    return label


def changed_meanwhile(conflict: StaleEditError, form: forms.BaseForm) -> dict[str, Any]:
    """What someone else changed while the user was editing, beside what the user typed: the
    parameters of a table with a row for each field of the form that was changed, or an empty
    table (no rows) when only details outside the form changed."""
    changes = conflict.changes
    order = list(form.fields)
    rows = []
    for field in sorted(changes.theirs & set(order), key=order.index):
        definition = form.fields[field]
        theirs = field_value_text(definition, getattr(conflict.current, field))
        if field in changes.conflicts:
            yours = field_value_text(definition, form.cleaned_data.get(field))
        elif field in changes.mine:
            yours = "The same as theirs"
        else:
            yours = "You did not change this"
        rows.append([{"text": field_name(form, field)}, {"text": theirs}, {"text": yours}])
    return {
        "caption": "Changed by someone else while you were editing",
        "captionClasses": "govuk-table__caption--s",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Detail"},
            {"text": "Now (saved by someone else)"},
            {"text": "Your change (not saved)"},
        ],
        "rows": rows,
    }


def conflict_message(conflict: StaleEditError, form: forms.BaseForm, field: str) -> str:
    """The error shown beside a field that both the user and someone else changed."""
    theirs = field_value_text(form.fields[field], getattr(conflict.current, field))
    return (
        f"{field_name(form, field)} was changed by someone else to \u201c{theirs}\u201d "
        "while you were editing: save again to keep your answer, or change it"
    )
