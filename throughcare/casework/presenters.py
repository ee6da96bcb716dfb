"""The Activity section's timeline: each case note as an item of MoJ Frontend's timeline.

Built here rather than in the page template because a page holds up to 25 notes, each with
badges, its text and the forms that mark it sensitive, and the activity page is the one
practitioners open most: in Python the whole list costs a fraction of what the same loop
costs in a Django template (docs/decisions.md, "Components in Jinja2").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.http import HttpRequest
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe

from throughcare.access.policy import Access, Action
from throughcare.ui import components

from .models import CaseNote

_SECONDARY = "govuk-button--secondary govuk-!-margin-bottom-0"


def timeline(
    request: HttpRequest, access: Access, notes: Iterable[CaseNote], may_unmark: Collection[Any]
) -> dict[str, Any]:
    """The params of the timeline component for a page of notes."""
    csrf = csrf_input(request)
    may_mark = access.can(Action.ADD_CASE_NOTE)
    return {
        "items": [_item(note, may_mark, note.pk in may_unmark, csrf) for note in notes],
        "headingLevel": 3,
        "attributes": {
            "role": "list",
            "aria-labelledby": "timeline-heading",
            "data-testid": "timeline",
        },
    }


def _item(note: CaseNote, may_mark: bool, may_unmark: bool, csrf: SafeString) -> dict[str, Any]:
    label = [format_html("{}", note.get_note_type_display())]
    if note.sensitive:
        label.append(components.render("badge", {"text": "Sensitive", "classes": "moj-badge--red"}))
    if note.withheld_from_partners:
        label.append(
            components.render("badge", {"text": "Not for partners", "classes": "moj-badge--grey"})
        )
    body = []
    if note.acute_change:
        body.append(
            format_html(
                '<p class="govuk-body"><strong>Sudden change:</strong> {}</p>',
                note.get_acute_change_display(),
            )
        )
    # linebreaks escapes the text (autoescape) before adding its <p> and <br> tags.
    body.append(
        format_html('<div class="govuk-body">{}</div>', mark_safe(linebreaks(note.text, True)))  # noqa: S308
    )
    if not note.sensitive and may_mark:
        body.append(_form(note, "casework:mark-sensitive", "Mark as sensitive", csrf))
    if may_unmark:
        body.append(_form(note, "casework:unmark-sensitive", "Remove sensitive mark", csrf))
    return {
        "label": {"html": SafeString(" ").join(label)},
        "html": SafeString("\n").join(body),
        "datetime": {"timestamp": note.occurred_on, "type": "date"},
        "byline": {"text": note.author.full_name},
        "attributes": {"id": f"note-{note.pk}", "role": "listitem"},
    }


def _form(note: CaseNote, url_name: str, action: str, csrf: SafeString) -> SafeString:
    """A one-button form for an action on the note; the button names the note to a screen
    reader ("Mark as sensitive: Contact, 3 March 2026")."""
    button = components.render(
        "button",
        {
            "html": format_html(
                '{}<span class="govuk-visually-hidden">: {}, {}</span>',
                action,
                note.get_note_type_display(),
                format_date(note.occurred_on, "j F Y"),
            ),
            "classes": _SECONDARY,
        },
    )
    return format_html(
        '<form method="post" action="{}">{}{}</form>',
        reverse(url_name, args=[note.person_id, note.pk]),
        csrf,
        button,
    )
