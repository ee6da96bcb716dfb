"""Reads of urgent concerns, for a person already loaded through the access policy, and the
open concerns of a page of people (the caseload's flag, the record's banner)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery

from throughcare.access.policy import Access, Action
from throughcare.core.errors import NotFound

from .models import UrgentConcern


def concerns(access: Access) -> QuerySet[UrgentConcern]:
    """The person's concerns, open first, newest first: for the case team only."""
    if not access.can(Action.VIEW_CONCERNS):
        return UrgentConcern.objects.none()
    return (
        UrgentConcern.objects.filter(person=access.person)
        .select_related("created_by", "acknowledged_by", "resolved_by")
        .order_by(F("resolved_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def concern(access: Access, concern_id: int) -> UrgentConcern:
    found = concerns(access).filter(pk=concern_id).prefetch_related("actions__created_by").first()
    if found is None:
        raise NotFound("No such concern")
    return found


# The newest two open concerns' ids, read by the access gate with the person (`gate.
# read_with_person`, declared in `CaseworkConfig.ready`): the banner needs no query of its own.
_OPEN_CONCERNS = ("_open_concern_newest", "_open_concern_next")


def open_concerns_read_with_person() -> dict[str, Any]:
    newest_first = (
        UrgentConcern.objects.filter(person=OuterRef("pk"), resolved_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values("pk")
    )
    newest, next_ = _OPEN_CONCERNS
    return {newest: Subquery(newest_first[:1]), next_: Subquery(newest_first[1:2])}


def open_concern_ids(access: Access) -> list[int]:
    """The ids of the person's open concerns, newest first, at most two (enough for the banner
    to link to the one, or to the list): for those who may see concerns. As the gate read them
    with the person, or one query for a person read otherwise."""
    if not access.can(Action.VIEW_CONCERNS):
        return []
    if all(hasattr(access.person, name) for name in _OPEN_CONCERNS):
        read = [getattr(access.person, name) for name in _OPEN_CONCERNS]
        return [pk for pk in read if pk is not None]
    return list(
        UrgentConcern.objects.filter(person=access.person, resolved_at__isnull=True)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:2]
    )


def open_concerns_of(person_ids: Collection[Any]) -> QuerySet[UrgentConcern]:
    """The open urgent concerns of these people, not yet read (the caseload's flag is asked
    with the others in one query)."""
    return UrgentConcern.objects.filter(person_id__in=list(person_ids), resolved_at__isnull=True)


def with_open_concerns(person_ids: Collection[Any]) -> set[Any]:
    """Of these people, those with an open urgent concern (one query)."""
    return set(
        open_concerns_of(person_ids)
        .order_by()  # the model's ordering would join the DISTINCT, repeating people
        .values_list("person_id", flat=True)
        .distinct()
    )
