"""The team view's figures and lists of people as the parameters of our GOV.UK components.
Every count is a link to the page listing the people behind it; a count's link text says what
it counts (visually hidden after the number) so that it reads alone."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from throughcare.core.links import person_url
from throughcare.people.models import Person
from throughcare.planning.release.models import NEEDS, NeedStatus
from throughcare.planning.resettlement import queries as resettlement
from throughcare.planning.resettlement.models import Pathway
from throughcare.record.presenters import long_date

from .figures import ACTION_FIGURES, ROWS, ActionFigure, ReleaseFigure
from .queries import NOT_STARTED, QUARTER_WEEKS, SOON_WEEKS, Releasing, TeamView

PROGRESS = {
    resettlement.BEHIND: "A step overdue",
    resettlement.ON_TRACK: "On track",
    resettlement.ACHIEVED: "Achieved",
}
STATUS = {NOT_STARTED: "Not started", **dict(NeedStatus.choices)}
PATHWAYS = dict(Pathway.choices)


def figure_url(key: str) -> str:
    return f"{reverse('insight_team:view')}?{urlencode({'show': key})}"


def _words(figure: ReleaseFigure | ActionFigure, number: int) -> str:
    """What follows the number: "releasing in the next 2 weeks without ID", "people with an
    open urgent concern"."""
    if isinstance(figure, ActionFigure):
        return f"{'person' if number == 1 else 'people'} {figure.words}"
    return figure.words


def count(figure: ReleaseFigure | ActionFigure, number: int) -> SafeString:
    """The number, linked to the people behind it (nobody: the number alone)."""
    words = _words(figure, number)
    if not number:
        return format_html('{}<span class="govuk-visually-hidden"> {}</span>', 0, words)
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
        figure_url(figure.key),
        number,
        words,
    )


def sentence(figure: ReleaseFigure | ActionFigure, number: int) -> SafeString:
    """ "3 releasing in the next 2 weeks without somewhere to live", linked."""
    return format_html(
        '<a class="govuk-link" href="{}">{} {}</a>',
        figure_url(figure.key),
        number,
        _words(figure, number),
    )


def summary(view: TeamView) -> list[SafeString]:
    """The headlines: how many release in the next 2 and 12 weeks, what those releasing in
    the next 2 weeks lack, and what there is to act on (only what is not nothing)."""
    lines = []
    for soon, later in ROWS:
        shown = len(soon.people(view))
        if not soon.row:
            lines.append(sentence(soon, shown) if shown else count(soon, 0))
            lines.append(sentence(later, len(later.people(view))))
        elif shown:
            lines.append(sentence(soon, shown))
    for figure in ACTION_FIGURES:
        number = len(figure.people(view))
        if number:
            lines.append(sentence(figure, number))
    return lines


def readiness_table(view: TeamView) -> dict[str, Any]:
    """Each figure for the people releasing in the next 2 weeks beside the next 12 weeks'. A
    pathway's row is shown when someone releasing has a goal on it."""
    on_a_plan = {key for r in view.releasing for key in r.pathways}
    rows = []
    for figures in ROWS:
        first = figures[0]
        if first.pathway and first.pathway not in on_a_plan:
            continue
        rows.append(
            [
                {"text": first.row or "Releasing"},
                *(
                    {"html": count(figure, len(figure.people(view))), "format": "numeric"}
                    for figure in figures
                ),
            ]
        )
    return {
        "caption": "How ready the people releasing soon are",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": "People"},
            {"text": f"In the next {SOON_WEEKS} weeks", "format": "numeric"},
            {"text": f"In the next {QUARTER_WEEKS} weeks", "format": "numeric"},
        ],
        "rows": rows,
        "attributes": {"data-testid": "readiness"},
    }


def actions_table(view: TeamView) -> dict[str, Any]:
    return {
        "caption": "What there is to act on",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [{"text": "Of your people"}, {"text": "People", "format": "numeric"}],
        "rows": [
            [
                {"text": figure.heading},
                {"html": count(figure, len(figure.people(view))), "format": "numeric"},
            ]
            for figure in ACTION_FIGURES
        ],
        "attributes": {"data-testid": "actions"},
    }


def _person(person: Person) -> SafeString:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a><br><span class="govuk-hint govuk-!-font-size-16 '
        'govuk-!-margin-bottom-0">CRN {}</span>',
        person_url("record:overview", person.pk),
        person.listed_name,
        person.crn,
    )


def _tag(text: str, colour: str) -> SafeString:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


def _list(items: list[Any]) -> SafeString:
    return format_html(
        '<ul class="govuk-list govuk-!-font-size-16">{}</ul>',
        format_html_join("", "<li>{}</li>", ((item,) for item in items)),
    )


def _needs(entry: Releasing) -> SafeString:
    missing = entry.not_in_place
    done = len(NEEDS) - len(missing)
    if not missing:
        return _tag(f"All {len(NEEDS)} in place", "green")
    labels = dict(NEEDS)
    return format_html(
        "{} of {} in place or not needed{}",
        done,
        len(NEEDS),
        _list([f"{labels[key]}: {STATUS[entry.needs[key]].lower()}" for key in missing]),
    )


def _pathways(entry: Releasing) -> SafeString:
    if not entry.pathways:
        return _tag("No resettlement plan", "grey")
    return _list(
        [
            f"{PATHWAYS.get(key, key)}: {PROGRESS[progress].lower()}"
            for key, progress in entry.pathways.items()
        ]
    )


def release_table(entries: list[Releasing], caption: str, testid: str) -> dict[str, Any]:
    """People releasing, each with how ready they are."""
    return {
        "caption": caption,
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "classes": "govuk-table--small-text-until-tablet",
        "head": [
            {"text": "Name"},
            {"text": "Release date"},
            {"text": "Marked ready for release"},
            {"text": "Day of release"},
            {"text": "Resettlement plan, by pathway"},
        ],
        "rows": [
            [
                {"html": _person(entry.person)},
                {
                    "html": format_html(
                        "{}<br>in {} day{}",
                        long_date(entry.person.release_date),
                        entry.days,
                        "" if entry.days == 1 else "s",
                    )
                },
                {"html": _tag("Yes", "green") if entry.ready else _tag("No", "grey")},
                {"html": _needs(entry)},
                {"html": _pathways(entry)},
            ]
            for entry in entries
        ],
        "attributes": {"data-testid": testid},
    }


def _detail(figure: ActionFigure, person: Person, view: TeamView) -> str:
    if figure.key in ("handover-late", "handover-due"):
        return f"Due {long_date(view.handovers[person.pk])}"
    return ""


def people_table(figure: ActionFigure, people: list[Person], view: TeamView) -> dict[str, Any]:
    """The people of a figure about something to act on."""
    dated = figure.key in ("handover-late", "handover-due")
    head = [
        {"text": "Name"},
        {"text": "Release date"},
        {"text": "Prison offender manager"},
        {"text": "Community offender manager"},
    ]
    if dated:
        head.append({"text": "Handover"})
    return {
        "caption": f"People {figure.words}",
        "captionClasses": "govuk-visually-hidden",
        "firstCellIsHeader": True,
        "head": head,
        "rows": [
            [
                {"html": _person(person)},
                {"text": long_date(person.release_date)},
                {"text": person.pom.full_name if person.pom else "Not allocated"},
                {"text": person.com.full_name if person.com else "Not allocated"},
                *([{"text": _detail(figure, person, view)}] if dated else []),
            ]
            for person in people
        ],
        "attributes": {"data-testid": "people"},
    }
