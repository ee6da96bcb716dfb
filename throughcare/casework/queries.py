"""Reads of case notes, for a person already loaded through the access policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from throughcare.access.policy import Access, Action, Relation

from .models import Amendment, CaseNote


def timeline(access: Access) -> QuerySet[CaseNote]:
    """The notes this user may read: sensitive notes only for the case team; partners never see
    notes withheld from partners."""
    notes = access.person.case_notes.select_related("author")
    if not access.can(Action.VIEW_SENSITIVE):
        notes = notes.filter(sensitive=False)
    if access.relation == Relation.PARTNER_WITH_AGREEMENT:
        notes = notes.filter(withheld_from_partners=False)
    return notes.order_by("-occurred_on", "-created_at", "-pk")


def amendments(
    access: Access, record_type: str, record_ids: Iterable[Any]
) -> dict[str, list[Amendment]]:
    """The amendments of the given entries of this person's record, oldest first, by the
    entry's id (as a string). The caller has already been let see the entries themselves."""
    found: dict[str, list[Amendment]] = defaultdict(list)
    rows = Amendment.objects.filter(
        person=access.person, record_type=record_type, record_id__in=[str(i) for i in record_ids]
    ).select_related("created_by")
    for amendment in rows.order_by("created_at", "pk"):
        found[amendment.record_id].append(amendment)
    return dict(found)
