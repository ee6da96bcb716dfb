"""Turns people and pages of people into the parameters of our GOV.UK components."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from throughcare.access.models import SharingAgreement
from throughcare.access.policy import Access, Action, SearchFact, shows
from throughcare.ui import words

from .models import Person
from .queries import CaseloadOptions
from .services import StaleEditError

# The sections of a person's record, in the order of the work: key, label, URL name (None for a
# section whose pages are not built yet: shown as plain text so the shape of the record is
# clear), and the sharing-agreement section a partner needs to see it.
SECTIONS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("overview", "Overview", "people:overview", None),
    ("information", "Information", None, None),
    ("assessment", "Assessment", None, None),
    ("options", "Options", None, None),
    ("plan", "Plan", None, None),
    ("documents", "Documents", "documents:index", None),
    ("activity", "Activity", "casework:activity", "case_notes"),
    ("access", "Sharing and access", "access:person", None),
)


def long_date(value: date | None) -> str:
    return date_format(value, "j F Y") if value else words.NOT_KNOWN


def days_text(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days > 0:
        return f"in {days} day{'' if days == 1 else 's'}"
    return f"{-days} day{'' if days == -1 else 's'} ago"


def person_link(person: Person) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("people:overview", args=[person.pk]),
        person.listed_name,
    )


def _sort_header(
    label: str, key: str, options: CaseloadOptions, base_query: dict[str, str]
) -> dict[str, Any]:
    active = options.sort == key
    descending = active and not options.descending
    query = {**base_query, "sort": key, **({"order": "desc"} if descending else {})}
    aria = "none"
    if active:
        aria = "descending" if options.descending else "ascending"
    return {
        "html": format_html('<a class="govuk-link" href="?{}">{}</a>', urlencode(query), label),
        "attributes": {"aria-sort": aria},
    }


def caseload_table(
    page: Page[Person], options: CaseloadOptions, today: date, *, show_allocation: bool = False
) -> dict[str, Any]:
    """The caseload table. `show_allocation` adds who holds each case (the POM and COM), for a
    senior probation officer, whose caseload is the team's."""
    base_query = {"releasing": "soon"} if options.releasing_soon else {}
    head = [
        _sort_header("Name", "name", options, base_query),
        _sort_header("CRN", "crn", options, base_query),
        _sort_header("Prison", "prison", options, base_query),
    ]
    if show_allocation:
        head += [{"text": "Prison offender manager"}, {"text": "Community offender manager"}]
    head += [
        _sort_header("Release date", "release", options, base_query),
        {"text": "Days until release", "format": "numeric"},
        _sort_header("Eligibility date", "eligibility", options, base_query),
    ]
    return {
        "caption": "People allocated to your team"
        if show_allocation
        else "People allocated to you",
        "captionClasses": "govuk-visually-hidden",
        "firstCellIsHeader": True,
        "head": head,
        "rows": [_caseload_row(person, today, show_allocation) for person in page.object_list],
    }


def days_until_release_text(person: Person, today: date) -> str:
    """The days until release, or what a date that has passed means: "Released" for someone
    no longer in prison, "Release date passed" for someone still recorded in one."""
    days = person.days_until_release(today)
    if days is None:
        return words.NOT_KNOWN
    if days < 0:
        return "Release date passed" if person.prison_id else "Released"
    return str(days)


def _caseload_row(person: Person, today: date, show_allocation: bool) -> list[dict[str, Any]]:
    row = [
        {"html": person_link(person)},
        {"text": person.crn},
        {"text": person.prison.name if person.prison else "In the community"},
    ]
    if show_allocation:
        row += [
            {"text": person.pom.full_name if person.pom else "Not allocated"},
            {"text": person.com.full_name if person.com else "Not allocated"},
        ]
    return [
        *row,
        {"text": long_date(person.release_date)},
        {"text": days_until_release_text(person, today), "format": "numeric"},
        {"text": long_date(person.eligibility_date)},
    ]


def search_table(people: Iterable[Person]) -> dict[str, Any]:
    return {
        "caption": "Search results",
        "captionClasses": "govuk-visually-hidden",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Name"},
            {"text": "CRN"},
            {"text": "Date of birth"},
            {"text": "Prison number"},
            {"text": "Release date"},
        ],
        "rows": [_search_row(person) for person in people],
    }


def _search_row(person: Person) -> list[dict[str, Any]]:
    """A person as search shows them: each fact only where the policy's annotations (from
    `policy.searchable_people`) say this user may see it."""
    visible = getattr(person, "is_visible", False)
    # Outside the user's team: name, CRN and date of birth only, and opening it asks for a
    # reason. A partner sees what their agreement shares.
    withheld = "Not shared" if visible else "Not your team's case"

    def shown(fact: SearchFact) -> bool:
        return bool(getattr(person, shows(fact), False))

    return [
        {"html": person_link(person)},
        {"text": person.crn},
        {"text": long_date(person.date_of_birth) if shown(SearchFact.DATE_OF_BIRTH) else withheld},
        {
            "text": words.or_not_recorded(person.prison_number)
            if shown(SearchFact.PRISON_NUMBER)
            else withheld
        },
        {
            "text": long_date(person.release_date)
            if shown(SearchFact.RELEASE_DATE)
            else ("Not shared" if visible else "")
        },
    ]


def shared_table(people: Iterable[Person]) -> dict[str, Any]:
    """A partner's landing page: the people shared with their organisation (from
    `queries.shared_with`), what is shared and when it ends."""
    return {
        "caption": "People shared with your organisation",
        "captionClasses": "govuk-visually-hidden",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Name"},
            {"text": "CRN"},
            {"text": "What is shared"},
            {"text": "Sharing ends"},
        ],
        "rows": [_shared_row(person) for person in people],
    }


def _shared_row(person: Person) -> list[dict[str, Any]]:
    # Each section shared, with the last day any current agreement shares it.
    ends: dict[str, date] = {}
    for agreement in getattr(person, "agreements", ()):
        for section in agreement.sections:
            ends[section] = max(ends.get(section, agreement.end_date), agreement.end_date)
    labels = dict(SharingAgreement.Section.choices)
    shared = [(str(labels[s]), ends[s]) for s in SharingAgreement.Section.values if s in ends]
    if len({end for _, end in shared}) == 1:
        until = long_date(shared[0][1])
    else:
        until = format_html_join(
            mark_safe("<br>"), "{}: {}", ((label, long_date(end)) for label, end in shared)
        )
    return [
        {"html": person_link(person)},
        {"text": person.crn},
        {
            "html": format_html(
                '<ul class="govuk-list govuk-!-margin-bottom-0">{}</ul>',
                format_html_join("", "<li>{}</li>", ((label,) for label, _ in shared)),
            )
        },
        {"html": until},
    ]


def sub_navigation(access: Access, current: str) -> dict[str, Any]:
    person = access.person
    items = []
    for key, label, url_name, section in SECTIONS:
        if section and not access.section(section):
            continue
        if key == "access" and not access.can(Action.MANAGE_SHARING):
            continue
        items.append(
            {
                "text": label,
                "href": reverse(url_name, args=[person.pk]) if url_name else None,
                "active": key == current,
            }
        )
    return {"label": "Sections of this record", "items": items}


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
