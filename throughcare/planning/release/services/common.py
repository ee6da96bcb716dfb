"""What the release services share: the checks of text, and who may act."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from throughcare.access import policy
from throughcare.access.models import Role
from throughcare.access.policy import Action
from throughcare.core.errors import Invalid, Refused

from ..models import TEXT_LIMIT

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


def text(
    problems: dict[str, str],
    data: Mapping[str, Any],
    name: str,
    label: str,
    *,
    required: bool = False,
    limit: int = TEXT_LIMIT,
) -> None:
    if name not in data:
        return
    value = str(data[name] or "")
    if required and not value.strip():
        problems[name] = f"Enter {label[:1].lower()}{label[1:]}"
    elif len(value) > limit:
        problems[name] = f"{label} must be {limit:,} characters or fewer"


def raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise Invalid(problems)


def is_allocated(user: User, person: Person, role: str) -> bool:
    """The user is the person's allocated officer in this role and may change the record."""
    allocated = person.pom_id if role == Role.POM else person.com_id
    return user.role == role and user.pk == allocated and policy.can(user, person, Action.EDIT)


def require_pom(user: User, person: Person) -> None:
    if not is_allocated(user, person, Role.POM):
        raise Refused("Only the allocated prison offender manager can record the handover")


def require_com(user: User, person: Person, doing: str) -> None:
    if not is_allocated(user, person, Role.COM):
        raise Refused(f"Only the allocated community offender manager can {doing}")
