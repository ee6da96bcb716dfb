"""Email, queued only once the change it tells of is committed: a rolled-back change sends
nothing, and nothing is sent about a change that was not made. It is sent by the background
worker (`tasks.send_email`, on the "email" queue), never inside a request.

Django's email backend does the sending (SMTP in production, the console in development, an
in-memory outbox in the tests, where the email queue is Django's immediate task backend).
Messages are plain text, rendered from templates, and carry no case data.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .tasks import send_email

LONDON = ZoneInfo("Europe/London")


def when(moment: Any) -> str:
    """A moment as emails say it, in UK time as GOV.UK writes it: "2:30pm on 27 November
    2026", "midday on ...", "midnight on ..."."""
    local = timezone.localtime(moment, LONDON)
    if (local.hour, local.minute) == (12, 0):
        time = "midday"
    elif (local.hour, local.minute) == (0, 0):
        time = "midnight"
    else:
        hour = local.hour % 12 or 12
        time = f"{hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    return f"{time} on {local.day} {local:%B %Y}"


def send_after_commit(*, to: str, subject: str, template: str, context: dict[str, Any]) -> None:
    """Renders the message now and queues it for the worker when the current transaction
    commits (at once, outside a transaction). The task holds the address, the subject and the
    rendered text only."""
    body = render_to_string(template, {"service_url": settings.THROUGHCARE_BASE_URL, **context})
    queued = send_email.using(backend=settings.THROUGHCARE_EMAIL_TASKS)

    def enqueue() -> None:
        queued.enqueue(to, subject, body)

    transaction.on_commit(enqueue)
