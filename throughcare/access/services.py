"""Changes to who may see what: break-glass, limited-access lists and sharing agreements.
Each validates, writes in one transaction and is audited in it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused

from . import policy
from .commands import Exclusion, Restriction, ShareRequest
from .models import (
    AccessExclusion,
    AccessRestriction,
    BreakGlassAccess,
    Organisation,
    SharingAgreement,
)

if TYPE_CHECKING:
    from throughcare.people.models import Person

    from .models import User

MIN_REASON = 10


@transaction.atomic
def break_glass(*, user: User, person: Person, session_key: str, reason: str) -> BreakGlassAccess:
    reason = reason.strip()
    if len(reason) < MIN_REASON:
        raise Invalid(
            {"reason": "Explain why you need to open this record (at least 10 characters)"}
        )
    if policy.relation(user, person, session_key) != policy.Relation.OTHER_STAFF:
        raise Invalid("Break-glass is only for staff outside the case team")
    access = BreakGlassAccess.objects.create(
        person=person, user=user, session_key=session_key, reason=reason
    )
    record_for(access, user=user, operation=Operation.COLLECTION, reason=reason)
    return access


def _require(user: User, person: Person, action: policy.Action) -> None:
    if not policy.can(user, person, action):
        raise Refused(f"You cannot {action} for this person")


@transaction.atomic
def exclude_user(*, by: User, person: Person, exclusion: Exclusion) -> AccessExclusion:
    _require(by, person, policy.Action.MANAGE_LIMITED_ACCESS)
    user, reason = exclusion.user, exclusion.reason
    already = Invalid({"user": f"{user.full_name} is already excluded from this record"})
    if AccessExclusion.objects.filter(person=person, user=user).exists():
        raise already
    try:
        with transaction.atomic():  # a savepoint: a concurrent double post loses the race
            excluded = AccessExclusion.objects.create(
                person=person, user=user, reason=reason, created_by=by
            )
    except IntegrityError:
        raise already from None
    record_for(excluded, user=by, operation=Operation.COLLECTION, reason=reason)
    return excluded


def allocated_with_access(person: Person) -> list[User]:
    """The person's allocated POM and COM who may see the record now."""
    found: list[User] = []
    for user in (person.pom, person.com):
        if user is not None and user not in found and policy.can(user, person, policy.Action.VIEW):
            found.append(user)
    return found


def losing_access(*, person: Person, by: User, users: Iterable[User]) -> list[User]:
    """The allocated staff who may see the record now but would not once it is restricted to
    `users` (with `by`, who is always on the list, and anyone on it already)."""
    listed = {u.pk for u in users} | {by.pk}
    listed |= set(person.restrictions.values_list("user_id", flat=True))
    return [user for user in allocated_with_access(person) if user.pk not in listed]


@transaction.atomic
def restrict_to(*, by: User, person: Person, restriction: Restriction) -> None:
    """Limits the record to the named users (the SPO making the list is always on it).

    Restricting never locks out the allocated POM or COM without a word: an allocated member of
    staff who may see the record now and is not named must be in the restriction's `lock_out`,
    the people the SPO was shown and confirmed will lose access. Each confirmed lock-out is
    audited."""
    _require(by, person, policy.Action.MANAGE_LIMITED_ACCESS)
    users, reason = restriction.users, restriction.reason
    losing = losing_access(person=person, by=by, users=users)
    confirmed = {u.pk for u in restriction.lock_out}
    unconfirmed = [user for user in losing if user.pk not in confirmed]
    if unconfirmed:
        names = " and ".join(user.full_name for user in unconfirmed)
        raise Invalid(
            {
                "confirm_lock_out": f"Confirm that {names} will lose access to this record, "
                "or add them to the list"
            }
        )
    named = {u.pk: u for u in [*users, by]}
    for user in named.values():
        listed, created = AccessRestriction.objects.get_or_create(
            person=person, user=user, defaults={"reason": reason, "created_by": by}
        )
        if created:
            record_for(listed, user=by, operation=Operation.COLLECTION, reason=reason)
    for user in losing:
        # The allocated member of staff taken off the list on purpose, for the record.
        audit.record(
            user=by,
            operation=Operation.ALTERATION,
            record_type=RecordType.ALLOCATED_STAFF_ACCESS,
            record_id=user.pk,
            person_id=person.pk,
            reason=reason,
        )


@transaction.atomic
def share_with_partner(*, by: User, person: Person, share: ShareRequest) -> SharingAgreement:
    _require(by, person, policy.Action.MANAGE_SHARING)
    organisation = share.organisation
    sections = list(share.sections)
    valid = set(SharingAgreement.Section.values)
    problems = {}
    if organisation.kind != Organisation.Kind.PARTNER:
        problems["organisation"] = "Choose a partner organisation"
    if not share.purpose.strip():
        problems["purpose"] = "Enter the purpose of sharing"
    if not sections or not set(sections) <= valid:
        problems["sections"] = "Choose the sections to share"
    if share.end_date < share.start_date:
        problems["end_date"] = "End date must be on or after the start date"
    elif share.end_date < clock.today():
        # An agreement that has already ended would share nothing: it is a mistake in the dates.
        problems["end_date"] = "End date must be today or in the future"
    if problems:
        raise Invalid(problems)
    agreement = SharingAgreement.objects.create(
        person=person,
        organisation=organisation,
        purpose=share.purpose.strip(),
        sections=sections,
        start_date=share.start_date,
        end_date=share.end_date,
        created_by=by,
    )
    record_for(
        agreement,
        user=by,
        operation=Operation.DISCLOSURE,
        recipient=organisation.name,
        fields=sections,
    )
    return agreement


@transaction.atomic
def end_agreement(*, by: User, agreement: SharingAgreement, reason: str) -> SharingAgreement:
    """Ends a sharing agreement at once, with the reason recorded in the audit log. Ending one
    that has already ended (a repeated or concurrent submission) writes nothing."""
    _require(by, agreement.person, policy.Action.MANAGE_SHARING)
    reason = reason.strip()
    if not reason:
        raise Invalid({"reason": "Enter why you are ending sharing"})
    # Locked until the transaction ends, so that two requests ending it at once queue: only the
    # one that actually ends it writes and audits the change.
    current = SharingAgreement.objects.select_for_update().get(pk=agreement.pk)
    if current.ended_at is None:
        current.ended_at = clock.now()
        current.updated_by = by
        current.version += 1
        current.save(update_fields=["ended_at", "updated_by", "version"])
        agreement.ended_at = current.ended_at
        record_for(
            current,
            user=by,
            operation=Operation.ALTERATION,
            recipient=agreement.organisation.name,
            reason=reason,
            fields=["ended_at"],
        )
    else:
        agreement.ended_at = current.ended_at
    return agreement
