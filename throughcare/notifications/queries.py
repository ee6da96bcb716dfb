"""What needs a user's attention: their own open notifications, and nobody else's."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

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


# The count of a user's open items, read with the signed-in user on each request (the
# authentication backend, `access.signin.backends`): the header needs no query of its own.
_OPEN_COUNT = "_open_attention_count"


def open_count_read_with_user() -> dict[str, Any]:
    open_items = (
        Notification.objects.filter(recipient_id=OuterRef("pk"), done_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(open=Count("pk"))
        .values("open")
    )
    return {_OPEN_COUNT: Coalesce(Subquery(open_items), 0)}


def count_open(user: Any) -> int:
    """As read with the signed-in user at the start of the request, or one query."""
    read = getattr(user, _OPEN_COUNT, None)
    if read is not None:
        return int(read)
    return open_for(user).count()


def open_about(subject_type: str, subject_id: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id), done_at__isnull=True
    )
