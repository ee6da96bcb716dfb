"""The concern page's summary lists and the table of actions, as component parameters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.html import format_html, linebreaks

from throughcare.access.policy import Access, Action
from throughcare.rules.times import in_words, when

from .models import UrgentConcern


def _tag(colour: str, text: str) -> str:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


def _row(key: str, value: str, html: bool = False) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"html" if html else "text": value}}


def _by(moment: datetime | None, user: Any) -> str:
    return f"{when(moment)} by {user.full_name}" if moment and user else when(moment)


def _status(concern: UrgentConcern) -> str:
    if not concern.is_open:
        return _tag("green", "Resolved")
    if concern.acknowledged_at is None:
        return _tag("red", "Not acknowledged")
    return _tag("orange", "Open")


def concern_page(access: Access, concern: UrgentConcern) -> dict[str, Any]:
    details = [
        _row("Status", _status(concern), html=True),
        _row("Type of concern", concern.get_concern_type_display()),
        _row("What was said or seen", linebreaks(concern.account), html=True),
        _row("Who said it or saw it", concern.source_label),
        _row("When it was said or seen", when(concern.occurred_at)),
        _row("Recorded", _by(concern.created_at, concern.created_by)),
    ]
    ack = concern.time_to_acknowledge
    solved = concern.time_to_resolve
    times = [
        _row(
            "Acknowledged",
            _by(concern.acknowledged_at, concern.acknowledged_by) or "Not yet acknowledged",
        ),
        _row("Time to acknowledge", in_words(ack) if ack is not None else "Not yet acknowledged"),
        _row("Resolved", _by(concern.resolved_at, concern.resolved_by) or "Not yet resolved"),
        _row("Time to resolve", in_words(solved) if solved is not None else "Not yet resolved"),
    ]
    if not concern.is_open:
        times.insert(3, _row("Resolution", linebreaks(concern.resolution), html=True))
    actions = list(concern.actions.all())
    return {
        "details": {"rows": details},
        "times": {"rows": times},
        "actions_table": {
            "caption": "Actions taken",
            "captionClasses": "govuk-table__caption--m",
            "head": [
                {"text": "Action"},
                {"text": "When"},
                {"text": "Reference"},
                {"text": "Recorded by"},
            ],
            "rows": [
                [
                    {
                        "html": format_html(
                            "{}{}",
                            action.get_kind_display(),
                            format_html(
                                '<br><span class="govuk-body-s tc-wrap-anywhere">{}</span>',
                                action.details,
                            )
                            if action.details
                            else "",
                        )
                    },
                    {"text": when(action.taken_at)},
                    {"text": action.reference or "None given", "classes": "tc-wrap-anywhere"},
                    {"text": action.created_by.full_name if action.created_by else ""},
                ]
                for action in actions
            ],
        }
        if actions
        else None,
        "may_acknowledge": concern.is_open
        and concern.acknowledged_at is None
        and access.can(Action.ACKNOWLEDGE_CONCERN),
        "may_act": concern.is_open and access.can(Action.ACT_ON_CONCERN),
    }


def concerns_table(concerns: list[UrgentConcern], person_id: Any) -> dict[str, Any]:
    from django.urls import reverse

    return {
        "caption": "Urgent concerns",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": "Concern"}, {"text": "Recorded"}, {"text": "Status"}],
        "rows": [
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>',
                        reverse("casework:concern", args=[person_id, concern.pk]),
                        concern.get_concern_type_display(),
                    )
                },
                {"text": _by(concern.created_at, concern.created_by)},
                {"html": _status(concern)},
            ]
            for concern in concerns
        ],
    }
