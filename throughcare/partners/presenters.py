"""Referrals as component parameters: what was shared, the exchange, the tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from throughcare.rules.dates import long_date

from .models import Referral

COLOURS = {
    Referral.Status.SENT: "blue",
    Referral.Status.MORE_INFORMATION: "yellow",
    Referral.Status.ACCEPTED: "green",
    Referral.Status.DECLINED: "red",
    Referral.Status.WITHDRAWN: "grey",
}
WHAT = {
    "accepted": "Accepted",
    "declined": "Declined",
    "question": "Asked for more information",
    "reply": "Answered their question",
    "withdrawn": "Withdrawn",
}


def status_tag(referral: Referral) -> str:
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        COLOURS[Referral.Status(referral.status)],
        referral.get_status_display(),
    )


def rows(shared: list[dict[str, str]]) -> list[dict[str, Any]]:
    return [{"key": {"text": row["key"]}, "value": {"text": row["value"]}} for row in shared]


def _when(value: str) -> str:
    moment = timezone.localtime(datetime.fromisoformat(value))
    return f"{long_date(moment.date())}, {moment:%H:%M}"


def exchange(referral: Referral) -> list[dict[str, str]]:
    return [
        {
            "what": WHAT.get(entry.get("what", ""), entry.get("what", "")),
            "text": entry.get("text", ""),
            "who": ", ".join(p for p in (entry.get("by"), entry.get("organisation")) if p),
            "when": _when(entry["at"]),
        }
        for entry in referral.exchange or []
    ]


def referral_url(referral: Referral) -> str:
    return reverse("partners:referral", args=[referral.person_id, referral.pk])


def _sent_on(referral: Referral) -> str:
    return long_date(timezone.localdate(referral.created_at))


def option_referrals(found: list[Referral]) -> dict[str, Any]:
    table_rows = []
    for referral in found:
        latest = referral.last_answer
        table_rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{} to {}</a>',
                        referral_url(referral),
                        referral.kind_word.capitalize(),
                        referral.organisation.name,
                    )
                },
                {"text": _sent_on(referral)},
                {"html": status_tag(referral)},
                {"text": (latest or {}).get("text") or "None yet"},
            ]
        )
    return {
        "caption": "Organisations alerted",
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Sent"},
            {"text": "On"},
            {"text": "Status"},
            {"text": "Their latest word"},
        ],
        "rows": table_rows,
    }


def to_us_table(found: list[Referral]) -> dict[str, Any]:
    """The referrals sent to a partner organisation; a withdrawn one without its details."""
    table_rows = []
    for referral in found:
        link = reverse("partners:referral-to-us", args=[referral.pk])
        if referral.is_withdrawn:
            first = format_html(
                '<a class="govuk-link" href="{}">Withdrawn {}</a>', link, referral.kind_word
            )
            table_rows.append(
                [
                    {"html": first},
                    {"text": ""},
                    {"text": _sent_on(referral)},
                    {"html": status_tag(referral)},
                ]
            )
            continue
        table_rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>', link, referral.person.listed_name
                    )
                },
                {"text": referral.person.crn},
                {"text": _sent_on(referral)},
                {"html": status_tag(referral)},
            ]
        )
    return {
        "caption": "Referrals to us",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": "Person"}, {"text": "CRN"}, {"text": "Sent"}, {"text": "Status"}],
        "rows": table_rows,
    }
