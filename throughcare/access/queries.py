"""Reads about access: the unexpected-access report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from throughcare.audit import services as audit
from throughcare.audit.models import Operation

from . import policy
from .models import BreakGlassAccess

if TYPE_CHECKING:
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
