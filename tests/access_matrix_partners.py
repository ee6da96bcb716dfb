"""The referrals block of the access matrix (issue 11 point 6), kept apart from the rest so the
matrix's other blocks merge cleanly: what it plants in the matrix's world (a referral to the
partner organisation with a sharing agreement, about an option of its own), the URL argument
of its pages, the marked value each relation may see and on which pages, and the status a page
of the referral grant answers with."""

from __future__ import annotations

from typing import Any

from throughcare.access import policy
from throughcare.access.models import Organisation, User
from throughcare.access.referral_grant import ReferralAction, may_on_referral
from throughcare.partners import services
from throughcare.planning import services as planning

R = policy.Relation
A = policy.Action

# What the referral asks of the partner: the case team's, and on the referral's own page the
# partner organisation it was sent to.
REFERRAL = "REFERRAL-ASKED-TEXT"
PARTNER_PAGES = {"partners:referral-to-us"}


def plant(com: User, person: Any, partner: Organisation) -> dict[str, Any]:
    option = planning.add_option(
        user=com,
        person=person,
        new=planning.NewOption.from_cleaned(
            {
                "kind": "accommodation",
                "title": "Matrix Housing flat",
                "accommodation_type": "supported housing",
                "address": "2 Matrix Road",
                "postcode": "NB5 1AA",
                "provider": partner,
            }
        ),
    )
    referral = services.send(
        user=com, option=option, new=services.NewReferral("referral", REFERRAL)
    )
    return {"referral": referral}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"referral_id": world["referral"].pk}


def entitled(relation: R, page: str, user: User, referral: Any) -> set[str]:
    """The referral's text: the case team's everywhere; its recipient's on its own page while
    it is not withdrawn."""
    if policy.allows(relation, A.VIEW_OPTIONS):
        return {REFERRAL}
    if page in PARTNER_PAGES and may_on_referral(user, referral, ReferralAction.SEE):
        return {REFERRAL}
    return set()


def status(action: ReferralAction, user: User, referral: Any) -> int:
    """The referral grant: the page, or a 404 (never a hint that the referral exists)."""
    referral.refresh_from_db()
    return 200 if may_on_referral(user, referral, action) else 404


VALUES = (REFERRAL,)
