"""The grant an addressed item (an information request, a request for advice) gives its
recipient: a kind of grant that is not to a person but to one item (part of the access policy,
`policy.py`; docs/access.md has the table).

The recipient of an open request (a named colleague; the prison or probation staff of the
organisation it was sent to who have the function asked for, such as key worker or healthcare;
or any partner worker of the partner organisation it was sent to) may see that request, with
the person's name, CRN and prison number, and answer it. Nothing else of the person: their
relation to the person's record is what it was (`policy.relation` does not know this grant),
so every page of the record is refused them as before. The grant ends when the request is
answered or withdrawn.

A request for advice to a specialist role (psychology at HMP Northbridge...) gives the same
grant to the holders of that function there, ending when the advice is given or the request
withdrawn. Each item is read through the `Addressed` protocol, so the policy needs nothing of
the app that keeps them (`throughcare.casework`).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q, QuerySet

from .models import Role

if TYPE_CHECKING:
    from .models import User

_STAFF_ROLES = frozenset({Role.POM, Role.COM, Role.SPO})


class Addressed(Protocol):
    """What the grant reads of an addressed item (an information request, a request for
    advice)."""

    @property
    def recipient_user_id(self) -> Any: ...

    @property
    def recipient_organisation_id(self) -> Any: ...

    @property
    def recipient_function(self) -> str: ...

    @property
    def is_open(self) -> bool: ...


class RequestRelation(enum.StrEnum):
    """How a user stands to one information request."""

    RECIPIENT = "recipient of an open request"
    FORMER_RECIPIENT = "recipient once answered or withdrawn"
    OTHER = "anyone else"


class RequestAction(enum.StrEnum):
    SEE = "see the request, with the person's name, CRN and prison number"
    ANSWER = "answer the request"


REQUEST_RULES: dict[RequestAction, frozenset[RequestRelation]] = {
    RequestAction.SEE: frozenset({RequestRelation.RECIPIENT}),
    RequestAction.ANSWER: frozenset({RequestRelation.RECIPIENT}),
}


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def addressed_to(user: User, request: Addressed) -> bool:
    """Whether the request is addressed to this user, open or not."""
    if not _active(user):
        return False
    if request.recipient_user_id is not None:
        return bool(user.pk == request.recipient_user_id)
    if request.recipient_organisation_id != user.organisation_id:
        return False
    if request.recipient_function:
        return user.role in _STAFF_ROLES and request.recipient_function in (user.functions or [])
    return bool(user.role == Role.PARTNER)


def request_relation(user: User, request: Addressed) -> RequestRelation:
    if not addressed_to(user, request):
        return RequestRelation.OTHER
    return RequestRelation.RECIPIENT if request.is_open else RequestRelation.FORMER_RECIPIENT


def may_on_request(user: User, request: Addressed, action: RequestAction) -> bool:
    return request_relation(user, request) in REQUEST_RULES[action]


def addressed_filter(user: User) -> Q:
    """The requests addressed to this user, as a condition on the requests' table (the fields
    of `Addressed`): to them by name, to a function they have at their organisation, or (a
    partner worker) to their organisation."""
    if not _active(user):
        return Q(pk__in=[])
    condition = Q(recipient_user_id=user.pk)
    if user.organisation_id is None:
        return condition
    at_organisation = Q(recipient_user__isnull=True, recipient_organisation_id=user.organisation_id)
    if user.role == Role.PARTNER:
        condition |= at_organisation & Q(recipient_function="")
    elif user.role in _STAFF_ROLES and user.functions:
        condition |= at_organisation & Q(recipient_function__in=list(user.functions))
    return condition


def recipients(request: Addressed) -> QuerySet[User]:
    """Every active user the request reaches (to be told of it)."""
    from .models import User

    users = User.objects.filter(is_active=True)
    if request.recipient_user_id is not None:
        return users.filter(pk=request.recipient_user_id)
    users = users.filter(organisation_id=request.recipient_organisation_id)
    if not request.recipient_function:
        return users.filter(role=Role.PARTNER)
    # Functions are a JSON list of fixed names: matched with their quotes, on either database.
    return users.filter(
        role__in=_STAFF_ROLES, functions__icontains=f'"{request.recipient_function}"'
    )
