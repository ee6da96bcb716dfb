"""Raising, closing and reminding of what needs a user's attention, each audited.

`notify` writes one notification per recipient in the caller's transaction and emails each
recipient once it commits; `close` marks every open notification about a thing done when the
thing is done (a concern acknowledged, a request answered or withdrawn); `send_reminders`
emails the recipients of overdue items, at most once a day each, so it is safe to run twice.
Emails carry no case detail: what kind of thing waits, and a link to sign in and see it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.audit import bulk
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock

from .email import send_after_commit
from .models import Notification

if TYPE_CHECKING:
    from throughcare.access.models import User

Kind = Notification.Kind


@dataclass(frozen=True)
class Notice:
    """What to tell: its kind, a fixed summary (no typed text), the page to act on it, the
    thing it is about (its audit record type and id) and, if it has one, when it is due."""

    kind: str
    summary: str
    url: str
    subject_type: RecordType
    subject_id: Any
    due_on: date | None = None


def _email(notification: Notification) -> None:
    address = getattr(notification.recipient, "email", "")
    if not address:
        return
    send_after_commit(
        to=address,
        subject=f"Throughcare: {notification.get_kind_display().lower()}",
        template="notifications/email/attention.txt",
        context={"kind": notification.get_kind_display(), "path": reverse("caseload:attention")},
    )


@transaction.atomic
def notify(
    *, by: Any, person_id: Any, recipients: Iterable[User], notice: Notice
) -> list[Notification]:
    """Tells each recipient (once each, never the sender) that something needs them."""
    created = []
    seen: set[Any] = set()
    for recipient in recipients:
        if recipient.pk in seen or recipient.pk == getattr(by, "pk", None):
            continue
        seen.add(recipient.pk)
        notification = Notification.objects.create(
            person_id=person_id,
            recipient=recipient,
            kind=notice.kind,
            summary=notice.summary[:200],
            url=notice.url,
            subject_type=RecordType.for_new_event(notice.subject_type),
            subject_id=str(notice.subject_id),
            due_on=notice.due_on,
            created_by=by,
        )
        record_for(
            notification,
            user=by,
            operation=Operation.DISCLOSURE,
            fields=["kind", "summary", "due_on"],
            recipient=recipient.get_username(),
        )
        _email(notification)
        created.append(notification)
    return created


@transaction.atomic
def close(*, by: Any, subject_type: RecordType, subject_id: Any, kinds: Iterable[str] = ()) -> int:
    """Marks done every open notification about the thing (of the given kinds; all if none)."""
    rows = Notification.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id), done_at__isnull=True
    )
    kinds = list(kinds)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return bulk.audited_update(
        rows, user=by, record_type=RecordType.NOTIFICATION, done_at=clock.now()
    )


def send_reminders(today: date | None = None) -> int:
    """Emails the recipient of each open item past its due date, once a day: an item already
    reminded today is left alone. Returns how many were reminded."""
    today = today or clock.today()
    reminded = 0
    overdue = Notification.objects.filter(done_at__isnull=True, due_on__lt=today).exclude(
        reminded_on=today
    )
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=pk, done_at__isnull=True)
                .exclude(reminded_on=today)
                .first()
            )
            if notification is None:
                continue
            notification.reminded_on = today
            notification.save(update_fields=["reminded_on"])
            record_for(
                notification,
                user=None,
                operation=Operation.DISCLOSURE,
                fields=["reminded_on"],
                reason="overdue reminder",
                recipient=notification.recipient.get_username(),
            )
            _email(notification)
            reminded += 1
    return reminded
