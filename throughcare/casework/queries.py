"""Reads of case notes, for a person already loaded through the access policy."""

from __future__ import annotations

from django.db.models import QuerySet

from throughcare.people.models import Person

from .models import CaseNote


def timeline(person: Person) -> QuerySet[CaseNote]:
    return person.case_notes.select_related("author").order_by("-occurred_on", "-created_at", "-pk")
