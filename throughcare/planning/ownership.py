"""Who owns a person's resettlement plan and risk management plan (certificate unit
R/507/0637, continuity from custody into the community): the prison offender manager until the
community offender manager accepts the handover, then the community offender manager. Only the
owner, among the allocated staff, changes the plans.

The handover lives in `throughcare.planning.release`, which tells this module how to read it
(`read_handovers_with`); until it does, a person with a prison offender manager is owned by
them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from throughcare.access import policy
from throughcare.access.models import Role
from throughcare.access.policy import Action
from throughcare.core.errors import Refused

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

HandoverReader = Callable[["Person"], bool]
_handed_over: list[HandoverReader] = [lambda person: False]


def read_handovers_with(reader: HandoverReader) -> None:
    """`reader(person)`: whether the community offender manager has accepted the handover."""
    _handed_over[0] = reader


def handed_over(person: Person) -> bool:
    return _handed_over[0](person)


def owner_role(person: Person) -> str:
    """Role.POM or Role.COM: whose plan it is now."""
    if person.pom_id is None or handed_over(person):
        return Role.COM
    return Role.POM


def owner(person: Person) -> User | None:
    return person.com if owner_role(person) == Role.COM else person.pom


def may_change_plans(user: User, person: Person) -> bool:
    return (
        policy.can(user, person, Action.EDIT)
        and user.role == owner_role(person)
        and user.pk in (person.pom_id, person.com_id)
    )


def require_owner(user: User, person: Person) -> None:
    """Refused unless the user is the allocated officer who owns the plans now."""
    if not may_change_plans(user, person):
        whose = "community" if owner_role(person) == Role.COM else "prison"
        raise Refused(f"Only the {whose} offender manager who owns the plan can change it")
