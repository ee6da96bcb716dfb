"""The notifications app's part of the subject access export: when staff were told that
something about the person needed their attention, what kind of thing, and when it was done.
The thing itself (the concern, the request, the advice) is in its own app's part."""

from __future__ import annotations

from typing import Any

from throughcare.core.subject_access import Part, Section

from .models import Notification


def _notifications(person: Any) -> list[dict[str, Any]]:
    rows = Notification.objects.filter(person=person).order_by("created_at", "pk")
    return [
        {
            "what": row.get_kind_display(),
            "summary": row.summary,
            "raised_at": row.created_at,
            "done_at": row.done_at,
        }
        for row in rows
    ]


PART = Part(
    app="notifications",
    sections=(
        Section(
            "notifications",
            82,
            _notifications,
            includes="when staff were told that something about them needed attention",
        ),
    ),
    covers={"notifications.Notification": "notifications"},
)
