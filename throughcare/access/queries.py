"""Reads about access: the unexpected-access report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from throughcare.audit import services as audit
from throughcare.audit.models import Operation

from .models import BreakGlassAccess

if TYPE_CHECKING:
    from .models import User


def unexpected_access(user: User) -> QuerySet[BreakGlassAccess]:
    """Break-glass openings of the cases held by this SPO's team, newest first."""
    team = user.organisation_id
    accesses = (
        BreakGlassAccess.objects.filter(
            Q(person__com__organisation_id=team) | Q(person__pom__organisation_id=team)
        )
        .select_related("person", "user", "user__organisation")
        .order_by("-created_at")
    )
    return accesses


def audit_report_view(user: User, accesses: list[BreakGlassAccess]) -> None:
    """The report shows names of people: each one shown is a consultation."""
    audit.record_many(
        user=user,
        operation=Operation.CONSULTATION,
        record_type="unexpected access report",
        records=[(a.person_id, a.pk) for a in accesses],
    )
