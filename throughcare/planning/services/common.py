"""What the planning services share: the allocated staff's right (the checks of text are
`planning.checks`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from throughcare.access import policy
from throughcare.access.policy import Action
from throughcare.core.errors import Refused

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


def _may_edit(user: User, person: Person) -> None:
    if not policy.can(user, person, Action.EDIT):
        raise Refused("Only the allocated staff can change the release options")
