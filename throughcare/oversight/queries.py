"""Reads for oversight: who has seen a person's record, a user's activity, and the
break-glass openings of a team's cases (the unexpected-access report).

Every read of case data starts from the access policy: who-has-seen takes an `Access` that
the access gate (`access.gate.access_person`) granted; a user's activity names only the people
the viewer may see (`policy.visible_people`), and so does the unexpected-access report.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from throughcare.access import policy
from throughcare.access.models import BreakGlassAccess, Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people.models import Person

if TYPE_CHECKING:
    from throughcare.access.policy import Access

PAGE_SIZE = 50
# What "who has seen this record" lists: every opening, disclosure and change of the record.
SEEN_OPERATIONS = (Operation.CONSULTATION, Operation.DISCLOSURE, Operation.ALTERATION)


def who_has_seen(access: Access) -> QuerySet[AuditEvent]:
    """Consultations, disclosures and changes of this person's record, newest first, with the
    user (and their organisation) in the same query."""
    if not access.can(policy.Action.VIEW_WHO_HAS_SEEN):
        raise PermissionDenied
    return (
        AuditEvent.objects.filter(person_id=access.person.pk, operation__in=SEEN_OPERATIONS)
        .select_related("user__organisation")
        .order_by("-occurred_at", "-id")
    )


def activity_users(viewer: User) -> QuerySet[User]:
    """Users whose activity this viewer may see: a senior probation officer's own
    organisation, or everyone for an administrator."""
    if not policy.may(viewer, policy.UserAction.USER_ACTIVITY):
        raise PermissionDenied
    users = User.objects.select_related("organisation").order_by("full_name", "pk")
    if viewer.role == Role.ADMIN:
        return users
    if viewer.organisation_id is None:
        return users.none()
    return users.filter(organisation_id=viewer.organisation_id)


def activity_user(viewer: User, user_id: int) -> User:
    """The user whose activity is asked for; a 404 when they are outside the viewer's reach."""
    user = activity_users(viewer).filter(pk=user_id).first()
    if user is None:
        raise Http404("No such user")
    return user


def user_activity(user: User) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(user_id=user.pk).order_by("-occurred_at", "-id")


def people_shown_to(
    viewer: User, person_ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, Person]:
    """Of these people, the ones the viewer may see, by id: one query. Administrators see no
    case records, so for them it is always empty."""
    ids = {person_id for person_id in person_ids if person_id}
    if not ids or viewer.role == Role.ADMIN:
        return {}
    people = (
        policy.visible_people(viewer)
        .filter(pk__in=ids)
        .only("id", "given_name", "middle_names", "family_name", "crn")
    )
    return {person.pk: person for person in people}


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
