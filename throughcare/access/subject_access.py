"""The access app's part of the subject access export (`throughcare.core.subject_access`).

Included: the sharing agreements with partner organisations (the person has a right to know
the recipients of their data).

Withheld: the limited-access lists (the staff excluded from or named on the record's
restriction list, and the reasons recorded): third-party information about staff and often
about others.

Not part of the export: break-glass openings. They record why a member of staff outside the
case team opened the record; the reasons can name other people, and staff of the service are
not recipients (each opening is a consultation in the audit log, which the export leaves out
too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from throughcare.core.subject_access import Part, Section, Withheld

from .models import AccessExclusion, AccessRestriction, SharingAgreement

if TYPE_CHECKING:
    from throughcare.people.models import Person

LIMITED_ACCESS_REASON = (
    "Third-party information: the names of staff kept out of this record or allowed into it, "
    "and the reasons recorded, are withheld under the Data Protection Act 2018 (third-party "
    "data)"
)
LIMITED_ACCESS = Withheld("limited-access lists", LIMITED_ACCESS_REASON)
SECTION_LABELS = dict(SharingAgreement.Section.choices)


def _limited_access(person: Person) -> list[dict[str, Any]]:
    limited = (
        AccessExclusion.objects.filter(person=person).exists()
        or AccessRestriction.objects.filter(person=person).exists()
    )
    return [LIMITED_ACCESS.item()] if limited else []


def _agreements(person: Person) -> list[dict[str, Any]]:
    agreements = (
        SharingAgreement.objects.filter(person=person)
        .select_related("organisation")
        .order_by("start_date", "pk")
    )
    return [
        {
            "organisation": agreement.organisation.name,
            "purpose": agreement.purpose,
            "what_is_shared": [SECTION_LABELS.get(s, s) for s in agreement.sections],
            "start_date": agreement.start_date,
            "end_date": agreement.end_date,
            "ended_at": agreement.ended_at,
        }
        for agreement in agreements
    ]


PART = Part(
    app="access",
    sections=(
        Section("limited_access", 100, _limited_access, withheld=LIMITED_ACCESS),
        Section(
            "sharing_agreements",
            110,
            _agreements,
            includes="the partner organisations their information is shared with",
        ),
    ),
    covers={
        "access.AccessExclusion": "limited_access",
        "access.AccessRestriction": "limited_access",
        "access.SharingAgreement": "sharing_agreements",
    },
    left_out={
        "access.BreakGlassAccess": "Break-glass reasons can name other people, and the staff "
        "who opened the record are not recipients of the person's information",
    },
)
