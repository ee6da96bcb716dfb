"""Reads of requests for advice, for a person already loaded through the access policy."""

from __future__ import annotations

from django.db.models import QuerySet

from throughcare.access.policy import Access, Action
from throughcare.core.errors import NotFound

from .models import AdviceRequest


def requests(access: Access) -> QuerySet[AdviceRequest]:
    """The person's requests for advice, newest first, with any advice: the case team only."""
    if not access.can(Action.VIEW_CONCERNS):
        return AdviceRequest.objects.none()
    return (
        AdviceRequest.objects.filter(person=access.person)
        .select_related(
            "created_by", "adviser", "adviser_organisation", "advice", "advice__created_by"
        )
        .order_by("-created_at", "-pk")
    )


def request(access: Access, request_id: int) -> AdviceRequest:
    found = requests(access).filter(pk=request_id).first()
    if found is None:
        raise NotFound("No such request for advice")
    return found


def load(request_id: int) -> AdviceRequest | None:
    """A request for advice by its id, for the request grant's gate (which decides whether the
    user may see it): with its person, for their name, CRN and prison number."""
    return (
        AdviceRequest.objects.select_related(
            "person", "person__prison", "created_by", "adviser_organisation"
        )
        .filter(pk=request_id)
        .first()
    )
