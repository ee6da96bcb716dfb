"""Reads of a person's assessment, for a person already loaded through the access policy.

Staff who may view the record read every version; a partner reads only locked versions, and
only with the full assessment in their sharing agreement; with the risk of serious harm
summary alone they read the community levels of the current version (`summary_only`).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from throughcare.access.models import Role, SharingAgreement
from throughcare.casework.advice.queries import requests as advice_requests
from throughcare.core.errors import NotFound
from throughcare.record.presenters import long_date
from throughcare.records import lifecycle
from throughcare.records.models import Version
from throughcare.ui.forms import LARGEST_ID

from .facts import record_facts
from .models import Assessment

if TYPE_CHECKING:
    from throughcare.access.policy import Access
    from throughcare.casework.advice.models import AdviceRequest
    from throughcare.people.models import Person

KIND = Assessment.KIND
FULL = SharingAgreement.Section.ASSESSMENT
SUMMARY = SharingAgreement.Section.RISK_SUMMARY


def is_partner(access: Access) -> bool:
    return access.user.role == Role.PARTNER


def may_read_full(access: Access) -> bool:
    """Staff who may view the record, and partners whose agreement shares the assessment."""
    return not is_partner(access) or access.section(FULL)


def may_read_summary(access: Access) -> bool:
    return may_read_full(access) or access.section(SUMMARY)


def assessment(access: Access) -> Assessment | None:
    if not may_read_summary(access):
        return None
    return (
        Assessment.objects.filter(person=access.person)
        .select_related("current", "open", "document", "current__author", "open__author")
        .first()
    )


def versions(access: Access) -> QuerySet[Version]:
    """The versions this user may read, newest first."""
    found = Version.objects.filter(person=access.person, document__kind=KIND)
    if not may_read_full(access):
        return found.none()
    if is_partner(access):
        found = found.filter(state=lifecycle.State.LOCKED)
    return found.select_related("author", "countersigned_by").order_by("-number")


def version(access: Access, version_id: int) -> Version:
    if not 0 < version_id <= LARGEST_ID:
        raise NotFound("No such assessment")
    found = versions(access).filter(pk=version_id).first()
    if found is None:
        raise NotFound("No such assessment")
    return found


def gathered_entries(person: Person) -> list[tuple[str, str]]:
    """The gathered entries an assessment's evidence can rest on, as (ref, label): each
    submitted interview and each reply to an information request. The ref is the entry's page.
    For a person already loaded through the access policy, by a user who may read them."""
    entries: list[tuple[str, str]] = []
    for interview in person.interviews.filter(submitted_at__isnull=False).order_by("pk"):
        url = reverse("casework:interview", args=[person.pk, interview.pk])
        when = long_date(timezone.localdate(interview.submitted_at))
        entries.append((url, f"Interview with the person, {when}"))
    requests = (
        person.information_requests.filter(reply__isnull=False)
        .select_related("reply")
        .order_by("pk")
    )
    for request in requests:
        reply = request.reply
        url = reverse("casework:requests", args=[person.pk]) + f"#request-{request.pk}"
        entries.append((url, f"Reply: {reply.source_label}, {long_date(reply.obtained_on)}"))
    return entries


def advice(access: Access) -> list[AdviceRequest]:
    return list(advice_requests(access))


__all__ = ["KIND", "record_facts"]


def awaiting_countersignature(person_ids: Collection[Any]) -> dict[Any, datetime | None]:
    """For a list of people already chosen through the access policy: those whose assessment
    has a version submitted and waiting for its countersignature (the version the team's SPOs
    were asked to countersign), with when it was submitted. One query."""
    return dict(
        Assessment.objects.filter(
            person_id__in=list(person_ids), open__state=lifecycle.State.SUBMITTED
        ).values_list("person_id", "open__submitted_at")
    )
