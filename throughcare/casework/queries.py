"""Reads of case notes, for a person already loaded through the access policy."""

from __future__ import annotations

from django.db.models import QuerySet

from throughcare.access.policy import Access, Action, Relation

from .models import CaseNote


def timeline(access: Access) -> QuerySet[CaseNote]:
    """The notes this user may read: sensitive notes only for the case team; partners never see
    notes withheld from partners."""
    notes = access.person.case_notes.select_related("author")
    if not access.can(Action.VIEW_SENSITIVE):
        notes = notes.filter(sensitive=False)
    if access.relation == Relation.PARTNER_WITH_AGREEMENT:
        notes = notes.filter(withheld_from_partners=False)
    return notes.order_by("-occurred_on", "-created_at", "-pk")
