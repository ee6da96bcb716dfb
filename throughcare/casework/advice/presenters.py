"""The advice page's summary lists, and the table of a person's requests for advice."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, linebreaks

from .models import Advice, AdviceRequest


def _tag(colour: str, text: str) -> str:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


def _row(key: str, value: str, html: bool = False) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"html" if html else "text": value}}


def _day(moment: Any) -> str:
    return date_format(timezone.localdate(moment), "j F Y")


def request_rows(request: AdviceRequest) -> dict[str, Any]:
    asked_by = request.created_by.full_name if request.created_by else "Not recorded"
    return {
        "rows": [
            _row("Asked by", asked_by),
            _row("Asked on", _day(request.created_at)),
            _row("Asked of", request.adviser_label),
            _row("Question", linebreaks(request.question), html=True),
        ]
    }


def advice_rows(advice: Advice) -> dict[str, Any]:
    return {
        "rows": [
            _row("Advice", linebreaks(advice.text), html=True),
            _row("Source", advice.source_label),
            _row("Given on", date_format(advice.obtained_on, "j F Y")),
        ]
    }


def requests_table(requests: list[AdviceRequest], person_id: Any) -> dict[str, Any]:
    def status(request: AdviceRequest) -> str:
        if getattr(request, "advice", None) is not None:
            return _tag("green", "Answered")
        if not request.is_open:
            return _tag("grey", "Withdrawn")
        return _tag("blue", "Waiting")

    return {
        "caption": "Advice",
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Advice on"},
            {"text": "Asked of"},
            {"text": "Asked"},
            {"text": "Status"},
        ],
        "rows": [
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>',
                        reverse("casework:advice", args=[person_id, request.pk]),
                        request.get_specialism_display(),
                    )
                },
                {"text": request.adviser.full_name if request.adviser else request.adviser_label},
                {"text": _day(request.created_at)},
                {"html": status(request)},
            ]
            for request in requests
        ],
    }
