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
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe

from throughcare.access.policy import Access, Action
from throughcare.rules.dates import long_date
from throughcare.ui import components

from .models import CaseNote

_SECONDARY = "govuk-button--secondary govuk-!-margin-bottom-0"


def timeline(
    request: HttpRequest, access: Access, notes: Iterable[CaseNote], may_unmark: Collection[Any]
) -> dict[str, Any]:
    """The params of the timeline component for a page of notes."""
    forms = _Forms(access.person.pk, csrf_input(request))
    may_mark = access.can(Action.ADD_CASE_NOTE)
    return {
        "items": [_item(note, may_mark, note.pk in may_unmark, forms) for note in notes],
        "headingLevel": 3,
        "attributes": {
            "role": "list",
            "aria-labelledby": "timeline-heading",
            "data-testid": "timeline",
        },
    }


def _item(note: CaseNote, may_mark: bool, may_unmark: bool, forms: _Forms) -> dict[str, Any]:
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
        body.append(forms.form(note, "casework:mark-sensitive", "Mark as sensitive"))
    if may_unmark:
        body.append(forms.form(note, "casework:unmark-sensitive", "Remove sensitive mark"))
    return {
        "label": {"html": SafeString(" ").join(label)},
        "html": SafeString("\n").join(body),
        "datetime": {"timestamp": note.occurred_on, "type": "date"},
        "byline": {"text": note.author.full_name},
        "attributes": {"id": f"note-{note.pk}", "role": "listitem"},
    }


# Stand-ins in a form rendered once a page, for what differs from note to note: letters and
# underscores only, so that escaping leaves them as they are, and nothing else on the form
# (its address, the CSRF token, the button's classes) can hold them.
_NOTE_ID = "__tc_note_id__"
_NOTE_NAMED = "__tc_note_named__"


class _Forms:
    """The one-button forms for an action on a note ("Mark as sensitive"): each form is
    rendered once a page with stand-ins, and each note's is that form with its address and its
    name put in. The button names the note to a screen reader ("Mark as sensitive: Contact,
    3 March 2026")."""

    def __init__(self, person_id: Any, csrf: SafeString) -> None:
        self.person_id = person_id
        self.csrf = csrf
        self.rendered: dict[str, str] = {}

    def _rendered(self, url_name: str, action: str) -> str:
        if url_name not in self.rendered:
            # The note's id is the address's last number: "/people/<id>/activity/notes/0/...".
            before, _, after = reverse(url_name, args=[self.person_id, 0]).rpartition("/0/")
            button = components.render(
                "button",
                {
                    "html": format_html(
                        '{}<span class="govuk-visually-hidden">: {}</span>', action, _NOTE_NAMED
                    ),
                    "classes": _SECONDARY,
                },
            )
            self.rendered[url_name] = format_html(
                '<form method="post" action="{}">{}{}</form>',
                f"{before}/{_NOTE_ID}/{after}",
                self.csrf,
                button,
            )
        return self.rendered[url_name]

    def form(self, note: CaseNote, url_name: str, action: str) -> SafeString:
        named = conditional_escape(f"{note.get_note_type_display()}, {long_date(note.occurred_on)}")
        form = self._rendered(url_name, action)
        return mark_safe(form.replace(_NOTE_ID, str(int(note.pk))).replace(_NOTE_NAMED, named))  # noqa: S308
