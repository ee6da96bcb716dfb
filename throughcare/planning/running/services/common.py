"""What the services of running the plan share: the checks of text and dates, and who may
write (the allocated staff)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from throughcare.access import policy
from throughcare.access.policy import Action
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.rules import dates

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
    missing: str = "",
    limit: int = TEXT_LIMIT,
) -> None:
    """A text field among `data` (checked only if given): `missing` is the message when it is
    required and empty."""
    if name not in data:
        return
    value = str(data[name] or "")
    if missing and not value.strip():
        problems[name] = missing
    elif len(value) > limit:
        problems[name] = f"{label} must be {limit:,} characters or fewer"


def day(
    problems: dict[str, str], data: Mapping[str, Any], name: str, label: str, *, missing: str
) -> date | None:
    """A date field among `data` (checked only if given): present and plausible."""
    if name not in data or name in problems:
        return None
    value = data[name]
    if value is None:
        problems[name] = missing
        return None
    if not dates.is_plausible(value, clock.today()):
        problems[name] = f"{label} must be within 100 years of today"
        return None
    found: date = value
    return found


def choice(
    problems: dict[str, str], data: Mapping[str, Any], name: str, values: Any, missing: str
) -> None:
    if name in data and data[name] not in values:
        problems[name] = missing


def raise_problems(problems: dict[str, str]) -> None:
    if problems:
        raise Invalid(problems)


def may_edit(user: User, person: Person) -> None:
    if not policy.can(user, person, Action.EDIT):
        raise Refused("Only the allocated staff can record how the plan is running")


def not_stale(current: Any, expected_version: int | None, what: str) -> None:
    """Refuses a save from a page loaded before someone else changed the record."""
    if expected_version is not None and current.version != expected_version:
        raise Stale(
            f"Someone else changed this {what} while you were working on it. Nothing was "
            "saved: check it as it is now, then save again.",
            current=current,
        )
