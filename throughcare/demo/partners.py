"""The demo's referral (issue 11 point 6): the demo's Safe Harbour supported housing option is
sent to Safe Harbour Housing (housing@throughcare.example's organisation) as a referral for a
room from the day of release, with the risk of serious harm in the community if the person
has a current assessment; it waits for their answer. Written through the services, as the COM
would."""

from __future__ import annotations

from throughcare.partners import services
from throughcare.partners.models import Referral
from throughcare.planning.models import Option

from .planning import HOUSING


def add_referrals() -> int:
    """One referral to the housing provider (once); the number sent."""
    option = (
        Option.objects.filter(provider__name=HOUSING, referrals__isnull=True)
        .select_related("person__com", "provider")
        .order_by("pk")
        .first()
    )
    if option is None or option.person.com is None:
        return 0
    risks = tuple(key for key, _ in services.risk_choices(option) if key == services.OVERALL)
    services.send(
        user=option.person.com,
        option=option,
        new=services.NewReferral(
            kind=Referral.Kind.REFERRAL,
            asked="A supported room from the day of release, with a key worker. He needs "
            "help with drug and alcohol use; he is not to have contact with a former partner.",
            needed_from=option.person.release_date,
            risks=risks,
        ),
    )
    return 1
