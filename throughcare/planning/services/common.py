"""What the planning services share: the checks of text and the allocated staff's right."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from throughcare.access import policy
from throughcare.access.policy import Action
from throughcare.core.errors import Invalid, Refused

from ..models import TEXT_LIMIT

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


def _text(
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
    text = str(data[name] or "")
    if required and not text.strip():
        problems[name] = f"Enter {label[:1].lower()}{label[1:]}"
    elif len(text) > limit:
        problems[name] = f"{label} must be {limit:,} characters or fewer"


def _raise(problems: dict[str, str]) -> None:
    if problems:
        raise Invalid(problems)


def _may_edit(user: User, person: Person) -> None:
    if not policy.can(user, person, Action.EDIT):
        raise Refused("Only the allocated staff can change the release options")
