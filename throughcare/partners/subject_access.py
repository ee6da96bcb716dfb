"""Partners' part of the subject access export: the referrals and notices sent about the
person to partner organisations, what each shared, and the partner's answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from throughcare.core.subject_access import Part, Section

from .models import Referral

if TYPE_CHECKING:
    from throughcare.people.models import Person


def _referrals(person: Person) -> list[dict[str, Any]]:
    found = Referral.objects.filter(person=person).select_related("organisation", "option")
    return [
        {
            "kind": referral.kind_word,
            "organisation": referral.organisation.name,
            "option": referral.option.title,
            "sent_on": timezone.localdate(referral.created_at),
            "asked": referral.asked,
            "shared": [f"{row['key']}: {row['value']}" for row in referral.shared],
            "status": referral.get_status_display(),
            "answers": [
                {
                    "what": entry.get("what", ""),
                    "text": entry.get("text", ""),
                    "by": entry.get("organisation") or entry.get("by", ""),
                }
                for entry in referral.exchange or []
            ],
        }
        for referral in found.order_by("pk")
    ]


PART = Part(
    app="partners",
    sections=(
        Section(
            "referrals",
            89,
            _referrals,
            includes="the referrals and notices sent about them to partner organisations, "
            "what each shared and the partner's answer",
        ),
    ),
    covers={"partners.Referral": "referrals"},
)
