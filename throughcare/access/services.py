"""Changes to who may see what: break-glass, limited-access lists and sharing agreements.
Each validates, writes in one transaction and is audited in it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.core import clock

from . import policy
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
        raise ValidationError(
            {"reason": "Explain why you need to open this record (at least 10 characters)"}
        )
    if policy.relation(user, person, session_key) != policy.Relation.OTHER_STAFF:
        raise ValidationError("Break-glass is only for staff outside the case team")
    access = BreakGlassAccess.objects.create(
        person=person, user=user, session_key=session_key, reason=reason
    )
    audit.record(
        user=user,
        operation=Operation.COLLECTION,
        record_type="break-glass access",
        record_id=access.pk,
        person_id=person.pk,
        reason=reason,
    )
    return access


def _require(user: User, person: Person, action: policy.Action) -> None:
    if not policy.can(user, person, action):
        raise PermissionError(f"{user} may not {action} for this person")


@transaction.atomic
def exclude_user(*, by: User, person: Person, user: User, reason: str) -> AccessExclusion:
    _require(by, person, policy.Action.MANAGE_LIMITED_ACCESS)
    already = ValidationError({"user": f"{user.full_name} is already excluded from this record"})
    if AccessExclusion.objects.filter(person=person, user=user).exists():
        raise already
    try:
        with transaction.atomic():  # a savepoint: a concurrent double post loses the race
            exclusion = AccessExclusion.objects.create(
                person=person, user=user, reason=reason, created_by=by
            )
    except IntegrityError:
        raise already from None
    audit.record(
        user=by,
        operation=Operation.COLLECTION,
        record_type="access exclusion",
        record_id=exclusion.pk,
        person_id=person.pk,
        reason=reason,
    )
    return exclusion


@transaction.atomic
def restrict_to(*, by: User, person: Person, users: Iterable[User], reason: str) -> None:
    """Limits the record to the named users (the SPO making the list is always on it)."""
    _require(by, person, policy.Action.MANAGE_LIMITED_ACCESS)
    named = {u.pk: u for u in [*users, by]}
    for user in named.values():
        restriction, created = AccessRestriction.objects.get_or_create(
            person=person, user=user, defaults={"reason": reason, "created_by": by}
        )
        if created:
            audit.record(
                user=by,
                operation=Operation.COLLECTION,
                record_type="access restriction",
                record_id=restriction.pk,
                person_id=person.pk,
                reason=reason,
            )


@transaction.atomic
def share_with_partner(
    *,
    by: User,
    person: Person,
    organisation: Organisation,
    purpose: str,
    sections: Iterable[str],
    start_date: date,
    end_date: date,
) -> SharingAgreement:
    _require(by, person, policy.Action.MANAGE_SHARING)
    sections = list(sections)
    valid = set(SharingAgreement.Section.values)
    problems = {}
    if organisation.kind != Organisation.Kind.PARTNER:
        problems["organisation"] = "Choose a partner organisation"
    if not purpose.strip():
        problems["purpose"] = "Enter the purpose of sharing"
    if not sections or not set(sections) <= valid:
        problems["sections"] = "Choose the sections to share"
    if end_date < start_date:
        problems["end_date"] = "End date must be on or after the start date"
    if problems:
        raise ValidationError(problems)
    agreement = SharingAgreement.objects.create(
        person=person,
        organisation=organisation,
        purpose=purpose.strip(),
        sections=sections,
        start_date=start_date,
        end_date=end_date,
        created_by=by,
    )
    audit.record(
        user=by,
        operation=Operation.DISCLOSURE,
        record_type="sharing agreement",
        record_id=agreement.pk,
        person_id=person.pk,
        recipient=organisation.name,
        fields=sections,
    )
    return agreement


@transaction.atomic
def end_agreement(*, by: User, agreement: SharingAgreement) -> SharingAgreement:
    _require(by, agreement.person, policy.Action.MANAGE_SHARING)
    if agreement.ended_at is None:
        agreement.ended_at = clock.now()
        agreement.save(update_fields=["ended_at"])
        audit.record(
            user=by,
            operation=Operation.ALTERATION,
            record_type="sharing agreement",
            record_id=agreement.pk,
            person_id=agreement.person_id,
            recipient=agreement.organisation.name,
            fields=["ended_at"],
        )
    return agreement
