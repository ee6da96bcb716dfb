"""The typed inputs of the access services: one frozen dataclass a command, built by its form
(`from_cleaned`, from a form's cleaned_data), and later by the API schema. The services check
them (they raise Invalid) before they write."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Organisation, User


@dataclass(frozen=True)
class ShareRequest:
    """Share sections of a person's record with a partner organisation, for a purpose, from
    `start_date` to the end of `end_date`."""

    organisation: Organisation
    purpose: str
    sections: tuple[str, ...]
    start_date: date
    end_date: date

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> ShareRequest:
        return cls(
            organisation=data["organisation"],
            purpose=data["purpose"],
            sections=tuple(data["sections"]),
            start_date=data["start_date"],
            end_date=data["end_date"],
        )


@dataclass(frozen=True)
class Exclusion:
    """Keep one member of staff out of a person's record, for a reason."""

    user: User
    reason: str

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> Exclusion:
        return cls(user=data["user"], reason=data["reason"])


@dataclass(frozen=True)
class Restriction:
    """Limit a person's record to the named staff, for a reason. `lock_out`: the allocated
    staff who may see the record now, are not named, and whom the SPO confirmed will lose
    access."""

    users: tuple[User, ...]
    reason: str
    lock_out: tuple[User, ...] = ()

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> Restriction:
        """The lock-out counts only if it was confirmed (the form's `confirm_lock_out`)."""
        confirmed = data.get("lock_out") or () if data.get("confirm_lock_out") else ()
        return cls(users=tuple(data["users"]), reason=data["reason"], lock_out=tuple(confirmed))
