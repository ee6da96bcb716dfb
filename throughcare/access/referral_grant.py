"""The grant a referral (or a notice) gives the partner organisation it was sent to: a grant to
one referral, not to a person (part of the access policy, `policy.py`; docs/access.md has the
table).

Any partner worker of the organisation a referral was sent to may open it: what the sender
chose to share (the option's kind and title, its address if relevant, the dates, the person's
name, CRN and date of birth, what is asked of them and the risk information the sender
included) and answer it: accept, decline with a reason, or ask for more information. Nothing
else of the person: their relation to the person's record is what it was (`policy.relation`
does not know this grant), so every page of the record is refused them as before. Once the
referral is withdrawn, its page says only that it was withdrawn.

The referral is read through the `Referred` protocol, so the policy needs nothing of the app
that keeps referrals (`throughcare.partners`).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q, QuerySet

from .models import Role

if TYPE_CHECKING:
    from .models import User


class Referred(Protocol):
    """What the grant reads of a referral: the organisation it was sent to, and whether the
    sender has withdrawn it."""

    @property
    def organisation_id(self) -> Any: ...

    @property
    def is_withdrawn(self) -> bool: ...


class ReferralRelation(enum.StrEnum):
    """How a user stands to one referral."""

    RECIPIENT = "partner worker of the organisation it was sent to"
    FORMER_RECIPIENT = "the same, once it is withdrawn"
    OTHER = "anyone else"


class ReferralAction(enum.StrEnum):
    OPEN = "open its page (once withdrawn, it says only that)"
    SEE = "see what the referral shares"
    ANSWER = "accept, decline or ask for more information"


REFERRAL_RULES: dict[ReferralAction, frozenset[ReferralRelation]] = {
    ReferralAction.OPEN: frozenset({ReferralRelation.RECIPIENT, ReferralRelation.FORMER_RECIPIENT}),
    ReferralAction.SEE: frozenset({ReferralRelation.RECIPIENT}),
    ReferralAction.ANSWER: frozenset({ReferralRelation.RECIPIENT}),
}


def _partner_of(user: User, organisation_id: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.PARTNER
        and user.organisation_id is not None
        and user.organisation_id == organisation_id
    )


def referral_relation(user: User, referral: Referred) -> ReferralRelation:
    if not _partner_of(user, referral.organisation_id):
        return ReferralRelation.OTHER
    if referral.is_withdrawn:
        return ReferralRelation.FORMER_RECIPIENT
    return ReferralRelation.RECIPIENT


def may_on_referral(user: User, referral: Referred, action: ReferralAction) -> bool:
    return referral_relation(user, referral) in REFERRAL_RULES[action]


def referred_filter(user: User) -> Q:
    """The referrals sent to this user's organisation (withdrawn ones too), as a condition on
    the referrals' table: for a partner worker only."""
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTNER):
        return Q(pk__in=[])
    if user.organisation_id is None:
        return Q(pk__in=[])
    return Q(organisation_id=user.organisation_id)


def recipients(referral: Referred) -> QuerySet[User]:
    """Every active partner worker the referral reaches (to be told of it)."""
    from .models import User

    return User.objects.filter(
        is_active=True, role=Role.PARTNER, organisation_id=referral.organisation_id
    )
