"""Reads of information requests, each starting from the access policy: a person's requests
for their case team; the requests addressed to a user under the request grant; a sender's
requests about people they may still see; the people with an overdue request (caseload flag)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from throughcare.access import policy
from throughcare.access.policy import Access, Action
from throughcare.access.request_grant import addressed_filter
from throughcare.core import clock

from .models import InformationRequest

if TYPE_CHECKING:
    from throughcare.access.models import User

_RELATED = ("person", "sent_by", "recipient_user", "recipient_organisation")


def load(request_id: Any) -> InformationRequest | None:
    """The request with this id, for the request gate to decide on (None: there is none)."""
    return InformationRequest.objects.select_related(*_RELATED).filter(pk=request_id).first()


def _open_first(requests: QuerySet[InformationRequest]) -> QuerySet[InformationRequest]:
    """Open requests first, soonest due (so overdue) first; then the rest, newest first."""
    return requests.annotate(
        closed=Case(
            When(status=InformationRequest.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("closed", "due_on", "-created_at", "-pk")


def for_person(access: Access) -> QuerySet[InformationRequest]:
    """The person's requests and their replies, for the case team."""
    if not access.can(Action.VIEW_INFORMATION_REQUESTS):
        return InformationRequest.objects.none()
    requests = access.person.information_requests.select_related(*_RELATED, "reply")
    return _open_first(requests)


def addressed_to(user: User) -> QuerySet[InformationRequest]:
    """The open requests this user may answer (the request grant), soonest due first."""
    return (
        InformationRequest.objects.filter(addressed_filter(user))
        .filter(status=InformationRequest.Status.OPEN)
        .select_related(*_RELATED)
        .order_by("due_on", "created_at", "pk")
    )


def sent_by(user: User) -> QuerySet[InformationRequest]:
    """The requests this user sent about people whose requests they may still see: open
    ones first, overdue at the top."""
    visible = policy.visible_people(user).values("pk")
    requests = InformationRequest.objects.filter(sent_by_id=user.pk, person_id__in=visible)
    return _open_first(requests.select_related(*_RELATED))


def overdue_of(person_ids: Collection[Any]) -> QuerySet[InformationRequest]:
    """The open requests about these people past their date, not yet read (the caseload's flag
    is asked with the others in one query)."""
    return InformationRequest.objects.filter(
        person_id__in=list(person_ids),
        status=InformationRequest.Status.OPEN,
        due_on__lt=clock.today(),
    )


def overdue_people(person_ids: Collection[Any]) -> set[Any]:
    """Of these people, those with an open request past its date (one query)."""
    return set(overdue_of(person_ids).values_list("person_id", flat=True))
