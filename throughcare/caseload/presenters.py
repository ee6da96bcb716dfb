"""Turns lists of people (a caseload, search results, a partner's landing page) into the
parameters of our GOV.UK components."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from throughcare.access.models import SharingAgreement
from throughcare.access.policy import SearchFact, shows
from throughcare.core.links import person_url
from throughcare.people.models import Person
from throughcare.record.presenters import long_date
from throughcare.ui import words

from . import columns
from .flags import Flag
from .queries import CaseloadOptions


def person_link(person: Person) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        person_url("record:overview", person.pk),
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
    page: Page[Person],
    options: CaseloadOptions,
    today: date,
    *,
    show_allocation: bool = False,
    flagged: dict[Any, list[Flag]] | None = None,
) -> dict[str, Any]:
    """The caseload table. `show_allocation` adds who holds each case (the POM and COM), for a
    senior probation officer, whose caseload is the team's; `flagged` the tags shown under a
    person's name for what needs acting on (see `flags`)."""
    flagged = flagged or {}
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
        *(
            _sort_header(column.heading, column.key, options, base_query)
            for column in columns.columns()
        ),
    ]
    return {
        "caption": "People allocated to your team"
        if show_allocation
        else "People allocated to you",
        "captionClasses": "govuk-visually-hidden",
        "firstCellIsHeader": True,
        "head": head,
        "rows": [
            _caseload_row(person, today, show_allocation, flagged.get(person.pk, []))
            for person in page.object_list
        ],
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


def _name_with_flags(person: Person, flags: list[Flag]) -> str:
    tags = format_html_join(
        "",
        '<br><strong class="govuk-tag govuk-tag--{} govuk-!-margin-top-1">{}</strong>',
        ((flag.colour, flag.label) for flag in flags),
    )
    return format_html("{}{}", person_link(person), tags)


def _caseload_row(
    person: Person, today: date, show_allocation: bool, flags: list[Flag]
) -> list[dict[str, Any]]:
    row = [
        {"html": _name_with_flags(person, flags)},
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
        *(column.cell(person) for column in columns.columns()),
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


def attention_table(page: Page[Any], today: date) -> dict[str, Any]:
    """What needs the user's attention: what it is, whom it is about, when it is due."""
    return {
        "caption": "What needs your attention",
        "captionClasses": "govuk-visually-hidden",
        "head": [{"text": "What"}, {"text": "Person"}, {"text": "Due"}, {"text": "Raised"}],
        "rows": [_attention_row(item, today) for item in page.object_list],
    }


def _attention_row(item: Any, today: date) -> list[dict[str, Any]]:
    person = item.person
    if item.due_on is None:
        due: dict[str, Any] = {"text": "No date"}
    elif item.due_on < today:
        due = {
            "html": format_html(
                '{} <strong class="govuk-tag govuk-tag--red">Overdue</strong>',
                long_date(item.due_on),
            )
        }
    else:
        due = {"text": long_date(item.due_on)}
    return [
        {
            "html": format_html(
                '<a class="govuk-link" href="{}">{}</a><br><span class="govuk-hint '
                'govuk-!-margin-bottom-0">{}</span>',
                item.url,
                item.get_kind_display(),
                item.summary,
            )
        },
        {"html": format_html("{}<br>{}", person.full_name, person.crn)},
        due,
        {"text": long_date(timezone.localtime(item.created_at).date())},
    ]
