"""What needs a user's attention: their own open notifications, and nobody else's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Notification


def open_for(user: Any) -> QuerySet[Notification]:
    """The user's open items, overdue and soonest due first, with the person's name and CRN
    (the recipient was told of the person by whoever raised the item)."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient_id=user.pk, done_at__isnull=True)
        .select_related("person")
        .order_by("due_on", "created_at", "pk")
    )


def count_open(user: Any) -> int:
    return open_for(user).count()


def open_about(subject_type: str, subject_id: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id), done_at__isnull=True
    )
