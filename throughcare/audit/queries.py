"""Reads of the audit log: who has seen a person's record, a user's activity, and the export
of events for a date range.

Every read of case data still starts from the access policy: who-has-seen takes an `Access`
that `policy.person_for` granted, and a user's activity names only the people the viewer may
see (`policy.visible_people`).
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from throughcare.access import policy
from throughcare.access.models import Role, User
from throughcare.people.models import Person

from .models import AuditEvent, Operation

if TYPE_CHECKING:
    from throughcare.access.policy import Access

LONDON = ZoneInfo("Europe/London")
PAGE_SIZE = 50
# What "who has seen this record" lists: every opening, disclosure and change of the record.
SEEN_OPERATIONS = (Operation.CONSULTATION, Operation.DISCLOSURE, Operation.ALTERATION)

# Every field an event's hash covers (chain.KEYED_FIELDS), with the event's id and the hash
# it follows: enough to verify the chain from the export alone (`verify_audit --csv FILE`).
EXPORT_COLUMNS = (
    "id",
    "occurred_at",
    "user_id",
    "user_email",
    "user_role",
    "person_id",
    "record_type",
    "record_id",
    "record_version",
    "operation",
    "outcome",
    "recipient",
    "reason",
    "request_id",
    "fields",
    "key_id",
    "previous_hash",
    "hash",
)


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


def london_day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a day in Europe/London, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LONDON)


def export_window(
    first_day: datetime.date, last_day: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants from the start of the first day to the end of the last, days as they are
    in Europe/London (so a summer day starts at 23:00 UTC the day before)."""
    return london_day_start(first_day), london_day_start(last_day + datetime.timedelta(days=1))


def _utc_iso(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat()


def export_rows(first_day: datetime.date, last_day: datetime.date) -> Iterator[list[str]]:
    """The events from the first day to the last (inclusive), in log order, one list of
    strings per event: a header row first. Read in chunks, so memory stays flat however many
    events there are."""
    start, end = export_window(first_day, last_day)
    yield list(EXPORT_COLUMNS)
    values = (
        AuditEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
        .order_by("id")
        .values_list(*EXPORT_COLUMNS)
    )
    for row in values.iterator(chunk_size=2000):
        yield [
            _export_cell(column, value) for column, value in zip(EXPORT_COLUMNS, row, strict=True)
        ]


def _export_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column == "occurred_at":
        return _utc_iso(value)
    if column == "fields":
        return json.dumps(list(value))
    return str(value)
