"""Reads about access: a user's own break-glass opening of a record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import BreakGlassAccess

if TYPE_CHECKING:
    from throughcare.people.models import Person

    from .models import User


def break_glass_opening(
    user: User, person: Person, session_key: str | None
) -> BreakGlassAccess | None:
    """This user's break-glass opening of this record in this signed-in session, if any."""
    if not session_key:
        return None
    return (
        BreakGlassAccess.objects.filter(person=person, user=user, session_key=session_key)
        .order_by("created_at")
        .first()
    )
