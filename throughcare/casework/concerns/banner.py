"""The red banner on every page of a person's record while an urgent concern is open (for the
case team, who may see concerns: read by the access gate with the person, so no query of its
own), and the caseload's flag."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html

from throughcare.access.policy import Access, Action
from throughcare.ui import components

from . import queries
from .models import UrgentConcern


def banner(access: Access) -> str:
    if not access.can(Action.VIEW_CONCERNS):
        return ""
    open_ids = queries.open_concern_ids(access)
    if not open_ids:
        return ""
    person_id = access.person.pk
    if len(open_ids) == 1:
        link = reverse("casework:concern", args=[person_id, open_ids[0]])
        text = "There is an open urgent concern about this person."
        link_text = "See the concern and what has been done"
    else:
        link = reverse("casework:concerns", args=[person_id])
        text = "There are open urgent concerns about this person."
        link_text = "See the concerns and what has been done"
    html = format_html(
        '<p class="govuk-notification-banner__heading">{} '
        '<a class="govuk-notification-banner__link" href="{}">{}</a>.</p>',
        text,
        link,
        link_text,
    )
    return components.render(
        "notification-banner",
        {
            "html": html,
            "titleText": "Urgent concern",
            "titleId": "urgent-concern-title",
            "classes": "tc-notification-banner--urgent",
            "attributes": {"data-testid": "urgent-concern-banner"},
        },
    )


def flagged(person_ids: Collection[Any]) -> QuerySet[UrgentConcern]:
    return queries.open_concerns_of(person_ids)
