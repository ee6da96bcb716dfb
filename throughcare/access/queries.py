"""Reads about access: the unexpected-access report, and a user's own break-glass opening."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from throughcare.audit import services as audit
from throughcare.audit.models import Operation

from . import policy
from .models import BreakGlassAccess

if TYPE_CHECKING:
    from throughcare.people.models import Person

    from .models import User


def unexpected_access(user: User) -> QuerySet[BreakGlassAccess]:
    """Break-glass openings of the cases held by this SPO's team, newest first: of the people
    the policy lets this SPO see, so not those they are excluded from or not listed for."""
    if not policy.may(user, policy.UserAction.UNEXPECTED_ACCESS_REPORT):
        return BreakGlassAccess.objects.none()
    return (
        BreakGlassAccess.objects.filter(person__in=policy.visible_people(user))
        .select_related("person", "user", "user__organisation")
        .order_by("-created_at")
    )


def audit_report_view(user: User, accesses: list[BreakGlassAccess]) -> None:
    """The report shows names of people: each one shown is a consultation."""
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type="unexpected access report",
        records=[(a.person_id, a.pk) for a in accesses],
    )


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
