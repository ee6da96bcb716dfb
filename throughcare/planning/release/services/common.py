"""What the release services share: the checks of text (`planning.checks`), and who may act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from throughcare.access import policy
from throughcare.access.models import Role
from throughcare.access.policy import Action
from throughcare.core.errors import Refused

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


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
