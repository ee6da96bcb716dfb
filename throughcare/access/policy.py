"""The access policy: the one place that decides which people a user may see and what they may
do to them. Every read of case data starts here; pages, search, exports and the API alike.

For now (issue 2) a user may see the people allocated to them and the people allocated to
anyone in their own team (organisation). Administrators hold no case role and see no cases.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from throughcare.audit import services as audit
from throughcare.audit.models import Operation, Outcome
from throughcare.people.models import Person

from .models import Role

if TYPE_CHECKING:
    from .models import User

CASE_ROLES = frozenset({Role.POM, Role.COM, Role.SPO})


def _visibility(user: User) -> Q | None:
    """The condition a person must meet to be seen by this user, or None for nobody."""
    if not user.is_authenticated or not user.is_active or user.role not in CASE_ROLES:
        return None
    condition = Q(pom_id=user.pk) | Q(com_id=user.pk)
    if user.organisation_id:
        condition |= Q(pom__organisation_id=user.organisation_id) | Q(
            com__organisation_id=user.organisation_id
        )
    return condition


def visible_people(user: User) -> QuerySet[Person]:
    """Every person this user may see. Lists and searches start from this queryset."""
    condition = _visibility(user)
    if condition is None:
        return Person.objects.none()
    return Person.objects.filter(condition)


def can_see(user: User, person: Person) -> bool:
    return visible_people(user).filter(pk=person.pk).exists()


def can_write_casework(user: User, person: Person) -> bool:
    """Adding case notes and changing the record: the allocated staff and their team."""
    return can_see(user, person)


def person_for(user: User, person_id: uuid.UUID | str, *, record_type: str = "person") -> Person:
    """Loads a person for a case page, if this user may see them, and audits the consultation.

    A person the user may not see, or who does not exist, is a 404 either way: the response
    gives no hint that the record exists. A refused attempt on a real record is audited.
    """
    try:
        person = visible_people(user).select_related("prison", "pom", "com").get(pk=person_id)
    except (Person.DoesNotExist, ValueError) as missing:
        if Person.objects.filter(pk=person_id).exists():
            audit.record(
                user=user,
                operation=Operation.CONSULTATION,
                outcome=Outcome.REFUSED,
                record_type=record_type,
                record_id=person_id,
                person_id=person_id,
            )
        raise Http404("No such person") from missing
    audit.record(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=record_type,
        record_id=person.pk,
        person_id=person.pk,
    )
    return person


def can_create_person(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role in CASE_ROLES


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a request that the sign-in middleware has already let through."""
    user = request.user
    if not user.is_authenticated:  # pragma: no cover - the middleware redirects first
        raise PermissionDenied
    return user  # type: ignore[return-value]
