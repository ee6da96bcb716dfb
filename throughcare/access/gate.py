"""The one access gate for a person's record, for pages, the API, exports and jobs alike:
`access_person(user, person_id, action=..., channel=...)` loads the person if the user may
take the action on them, records the consultation (or the refusal) in the audit log, and
returns what the user may do to them. It needs no HTTP request: pages pass their session's
key (for break-glass, which lasts a signed-in session), and a caller without a session (an API
token, an export job, an import) never has break-glass.

Refusals are the error family of `throughcare.core.errors`, mapped to responses in one place
per channel (pages: `throughcare.access.pages`):
- `NotFound`: no such person, or none the user has any business with (a 404 either way);
- `LimitedAccessError` (a `Refused`): the user is excluded, or not on the restriction list;
- `BreakGlassRequiredError` (a `Refused`): staff outside the team must give a reason first;
- `Refused`: the user may see the record, but not do this to it (or see this section).

`access_request(user, request, action=..., channel=...)` is the gate of the other kind of grant,
to one addressed item (an information request, a request for advice) rather than to a person
(`request_grant.py`): its recipient sees the item while it is open, and nothing of the
person's record. `access_referral(user, referral, action=..., channel=...)` is the gate of the
referral grant (`referral_grant.py`): the partner organisation a referral was sent to sees
that referral, and nothing else of the person.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from throughcare.audit import services as audit
from throughcare.audit.models import Operation, Outcome, RecordType
from throughcare.core.compiled import CompiledQuery
from throughcare.core.errors import NotFound, Refused
from throughcare.people.models import Person

from . import policy
from .models import BreakGlassAccess, User
from .policy import Access, Action, Relation, allows, may_see_section, relation
from .referral_grant import (
    REFERRAL_RULES,
    ReferralAction,
    ReferralRelation,
    Referred,
    referral_relation,
)
from .request_grant import (
    REQUEST_RULES,
    Addressed,
    RequestAction,
    RequestRelation,
    request_relation,
)


class Channel(enum.StrEnum):
    """How the user reaches the record. Pages are the default and record nothing extra; any
    other channel is named in the audit event's reason ("channel: api")."""

    PAGE = "page"
    API = "api"
    EXPORT = "export"
    JOB = "job"
    IMPORT = "import"


class LimitedAccessError(Refused):
    """The user is excluded from this record, or not on its restriction list."""

    def __init__(self, person: Person) -> None:
        super().__init__("This record is restricted")
        self.person = person


class BreakGlassRequiredError(Refused):
    """The user is staff outside the case team: they must give a reason to open the record."""

    def __init__(self, person: Person) -> None:
        super().__init__("A reason is needed to open this record")
        self.person = person


def audit_reason(reason: str, channel: Channel) -> str:
    """The audit event's reason: the given one, and the channel unless it is a page."""
    if channel == Channel.PAGE:
        return reason
    return "; ".join(part for part in (reason, f"channel: {channel}") if part)


# What the apps above read with the person whenever the gate lets a user in: name -> a function
# giving the annotations (expressions over the person's row) to read. Declared in an app's
# `AppConfig.ready()`, so this module knows none of them: the page header's urgent-concern
# banner reads the open concerns here, as subqueries of the gate's one query, instead of with
# a query of its own on every page of a record.
_read_with_person: dict[str, Callable[[], dict[str, Any]]] = {}


def read_with_person(key: str, annotations: Callable[[], dict[str, Any]]) -> None:
    """Declares annotations for the gate to read with every person it loads (`key` names the
    declaration; declaring it again replaces it). What they read is as it was when the gate let
    the user in: a page that changes it afterwards, and shows it, reads it again."""
    _read_with_person[key] = annotations
    _person_query.reset()


def _person_with_limited_access(person_id: uuid.UUID, user_id: int) -> QuerySet[Person]:
    people = Person.objects.select_related("prison", "pom__organisation", "com__organisation")
    for read in _read_with_person.values():
        people = people.annotate(**read())
    return policy.with_limited_access(people, user_id).filter(pk=person_id)


# Its SQL is built once per process (`core.compiled`): building it cost more than running it.
_person_query = CompiledQuery(
    Person, _person_with_limited_access, person_id=Person._meta.pk, user_id=User._meta.pk
)


def _load(person_id: uuid.UUID | str, user: User) -> Person | None:
    """The person, read with how limited access applies to this user and what the apps
    declared (`read_with_person`), in one query."""
    try:
        person_uuid = uuid.UUID(str(person_id))
    except ValueError:
        return None
    return _person_query.first(person_id=person_uuid, user_id=user.pk)


def _refuse(person: Person, relation_: Relation, action: Action) -> Refused | NotFound:
    if relation_ in (Relation.EXCLUDED, Relation.NOT_ON_RESTRICTION_LIST):
        return LimitedAccessError(person)
    if relation_ == Relation.OTHER_STAFF and action == Action.VIEW:
        return BreakGlassRequiredError(person)
    if allows(relation_, Action.VIEW):
        # They may see the record, just not do this to it (or see this section).
        return Refused("You cannot do that on this record")
    return NotFound("No such person")


def access_person(
    user: User,
    person_id: uuid.UUID | str,
    *,
    action: Action,
    section: str | None = None,
    channel: Channel,
    record_type: str = "person",
    session_key: str | None = None,
) -> Access:
    """The person, if this user may take `action` on them (and see `section`), with what they
    may do; the consultation or the refusal is audited either way. Raises `NotFound`,
    `LimitedAccessError`, `BreakGlassRequiredError` or `Refused`."""
    if not user.is_authenticated:  # an anonymous caller: nobody to audit, nothing to show
        raise NotFound("No such person")
    person = _load(person_id, user)
    if person is None:
        raise NotFound("No such person")
    if channel != Channel.PAGE:
        session_key = None  # break-glass lasts a signed-in session, and only pages have one
    relation_ = relation(user, person, session_key, policy.limited_access_read_with(person))
    allowed = allows(relation_, action) and (
        section is None or may_see_section(user, person, section)
    )
    if not allowed:
        audit.record(
            user=user,
            operation=Operation.CONSULTATION,
            outcome=Outcome.REFUSED,
            record_type=record_type,
            record_id=person.pk,
            person_id=person.pk,
            reason=audit_reason(str(relation_), channel),
        )
        raise _refuse(person, relation_, action)
    reason = ""
    if relation_ == Relation.BREAK_GLASS:
        reason = (
            BreakGlassAccess.objects.filter(person=person, user=user, session_key=session_key)
            .values_list("reason", flat=True)
            .first()
            or ""
        )
    audit.record(
        user=user,
        operation=Operation.CONSULTATION,
        record_type=record_type,
        record_id=person.pk,
        person_id=person.pk,
        reason=audit_reason(reason, channel),
    )
    return Access(user, person, relation_)


@dataclass(frozen=True)
class RequestAccess:
    """What the gate returns for an information request: the request (with its person) and
    how the user stands to it."""

    user: User
    request: Any
    relation: RequestRelation


def access_request(
    user: User,
    request: Addressed | None,
    *,
    action: RequestAction,
    channel: Channel,
    record_type: str = RecordType.INFORMATION_REQUEST,
) -> RequestAccess:
    """The addressed item, if this user may take `action` on it under the request grant
    (`request_grant.py`); the consultation or the refusal is audited either way, under the
    item's `record_type` (an information request unless said; a request for advice) and the
    person's id. `request` is the item the caller looked up by its id (None: there is none).
    A refusal is always `NotFound`: the item and the person are none of the user's business."""
    if not user.is_authenticated or request is None:
        raise NotFound("No such request")
    relation_ = request_relation(user, request)
    allowed = relation_ in REQUEST_RULES[action]
    audit.record(
        user=user,
        operation=Operation.CONSULTATION,
        outcome=Outcome.ALLOWED if allowed else Outcome.REFUSED,
        record_type=record_type,
        record_id=getattr(request, "pk", ""),
        person_id=getattr(request, "person_id", None),
        reason=audit_reason("" if allowed else str(relation_), channel),
    )
    if not allowed:
        raise NotFound("No such request")
    return RequestAccess(user, request, relation_)


@dataclass(frozen=True)
class ReferralAccess:
    """What the gate returns for a referral: the referral (with its person) and how the user
    stands to it."""

    user: User
    referral: Any
    relation: ReferralRelation

    @property
    def withdrawn(self) -> bool:
        return self.relation == ReferralRelation.FORMER_RECIPIENT


def access_referral(
    user: User,
    referral: Referred | None,
    *,
    action: ReferralAction,
    channel: Channel,
    record_type: str = RecordType.REFERRAL,
) -> ReferralAccess:
    """The referral, if this user may take `action` on it under the referral grant
    (`referral_grant.py`); the consultation or the refusal is audited either way, under the
    referral and its person. `referral` is the one the caller looked up by its id (None: there
    is none). A refusal is always `NotFound`."""
    if not user.is_authenticated or referral is None:
        raise NotFound("No such referral")
    relation_ = referral_relation(user, referral)
    allowed = relation_ in REFERRAL_RULES[action]
    audit.record(
        user=user,
        operation=Operation.CONSULTATION,
        outcome=Outcome.ALLOWED if allowed else Outcome.REFUSED,
        record_type=record_type,
        record_id=getattr(referral, "pk", ""),
        person_id=getattr(referral, "person_id", None),
        reason=audit_reason("" if allowed else str(relation_), channel),
    )
    if not allowed:
        raise NotFound("No such referral")
    return ReferralAccess(user, referral, relation_)
