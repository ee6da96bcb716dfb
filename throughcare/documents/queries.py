"""The subject access export: everything Throughcare holds on a person, as one structure that
both the JSON download and the PDF summary are made from (so the two never differ in what
they include or withhold).

What is included and what is withheld (Data Protection Act 2018; UK GDPR article 15):

- included: identity, other names, identifiers, protected characteristics, where the person
  is, key dates, who is responsible for them (staff names are given: staff act in an official
  capacity), sentences and offences, every case note (sensitive notes and notes "not for
  disclosure to partners" too: those flags keep notes from colleagues and partners, not from
  the person; each note says if it carries one), the sharing agreements with partner
  organisations and every disclosure recorded in the audit log (the person has a right to know
  the recipients of their data).
- withheld, each listed as {"withheld": true, "category", "reason"} and never with any of its
  content:
  - victim details (name, relationship, safety concerns): third-party information. Victim
    rows are counted by id only; their content is never read from the database here;
  - limited-access lists (the staff excluded from or named on the record's restriction list,
    and the reasons recorded): third-party information about staff and often about others.
- not part of this export: consultations by staff in the audit log (staff of the service are
  not recipients) and break-glass reasons (they can name other people).

Third-party information inside case-note text cannot be found automatically: the subject
access page asks the member of staff to read the notes before the copy is released.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from throughcare.access import policy
from throughcare.access.models import AccessExclusion, AccessRestriction, SharingAgreement
from throughcare.audit.models import AuditEvent, Operation, Outcome
from throughcare.casework.models import CaseNote
from throughcare.core import clock
from throughcare.people import rules
from throughcare.people.models import Person

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.access.policy import Access

RECIPIENT = "the data subject (subject access request)"
VICTIM_REASON = (
    "Third-party information: victim details are withheld under the Data Protection Act 2018 "
    "(third-party data)"
)
LIMITED_ACCESS_REASON = (
    "Third-party information: the names of staff kept out of this record or allowed into it, "
    "and the reasons recorded, are withheld under the Data Protection Act 2018 (third-party "
    "data)"
)
SECTION_LABELS = dict(SharingAgreement.Section.choices)

# The order of the sections in the JSON and in the PDF.
SECTIONS = (
    "about",
    "identity",
    "identifiers",
    "protected_characteristics",
    "location",
    "key_dates",
    "allocation",
    "sentences",
    "case_notes",
    "victims",
    "limited_access",
    "sharing_agreements",
    "disclosures",
    "record",
)


def withheld(category: str, reason: str) -> dict[str, Any]:
    """How a withheld item appears: what kind of information it is and why it is withheld."""
    return {"withheld": True, "category": category, "reason": reason}


def subject_access(access: Access, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Everything held on the person of `access`, which the policy must allow to be exported
    for a subject access request. About ten queries, however much is held."""
    if not access.can(policy.Action.SUBJECT_ACCESS):
        raise PermissionDenied
    person = access.person
    produced_at = now or clock.now()
    victim_ids = list(person.victims.order_by("pk").values_list("pk", flat=True))
    limited = (
        AccessExclusion.objects.filter(person=person).exists()
        or AccessRestriction.objects.filter(person=person).exists()
    )
    data: dict[str, Any] = {
        "about": {
            "document": "Subject access request: the information Throughcare holds about you",
            "crn": person.crn,
            "produced_at": produced_at,
            "explanation": [
                "This is a copy of the information held about you in Throughcare, the system "
                "the prison and probation services use to plan your release and resettlement.",
                "Some information is withheld. Each item withheld is listed with the reason.",
                "The organisations your information is or was shared with, and each time "
                "information about you was disclosed and to whom, are listed at the end.",
            ],
        },
        "identity": _identity(person),
        "identifiers": {
            "crn": person.crn,
            "prison_number": person.prison_number or None,
            "pnc_number": person.pnc_number or None,
        },
        "protected_characteristics": _characteristics(person),
        "location": {
            "prison": person.prison.name if person.prison else None,
            "community_address": person.community_address or None,
        },
        "key_dates": {
            "release_date": person.release_date,
            "release_date_source": person.release_date_source or None,
            "eligibility_date": person.eligibility_date,
        },
        "allocation": {
            "prison_offender_manager": _staff(person.pom),
            "community_offender_manager": _staff(person.com),
        },
        "sentences": _sentences(person),
        "case_notes": _case_notes(person),
        "victims": [withheld("victim details", VICTIM_REASON) for _ in victim_ids],
        "limited_access": [withheld("limited-access lists", LIMITED_ACCESS_REASON)]
        if limited
        else [],
        "sharing_agreements": _agreements(person),
        "disclosures": _disclosures(person),
        "record": {"created_at": person.created_at, "updated_at": person.updated_at},
    }
    return {key: data[key] for key in SECTIONS}


def withheld_items(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every withheld item in an export, for the summary of what was withheld."""
    return [
        item
        for key in ("victims", "limited_access")
        for item in data.get(key, [])
        if item.get("withheld")
    ]


def _identity(person: Person) -> dict[str, Any]:
    return {
        "first_name": person.given_name,
        "middle_names": person.middle_names or None,
        "last_name": person.family_name,
        "preferred_name": person.preferred_name or None,
        "other_names": [f"{a.given_name} {a.family_name}" for a in person.aliases.all()],
        "date_of_birth": person.date_of_birth,
        "sex": person.get_sex_display(),
    }


def _characteristics(person: Person) -> dict[str, Any]:
    return {
        "gender_identity": person.gender_identity or None,
        "ethnicity": person.get_ethnicity_display() or None,
        "nationality": person.nationality or None,
        "first_language": person.first_language or None,
        "needs_an_interpreter": person.interpreter_required,
        "disability": person.get_disability_display() or None,
        "disability_details": person.disability_details or None,
        "religion": person.get_religion_display() or None,
    }


def _staff(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {
        "name": user.full_name,
        "organisation": user.organisation.name if user.organisation else None,
    }


def _sentences(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "sentence_type": sentence.get_sentence_type_display(),
            "sentence_date": sentence.sentence_date,
            "length": sentence.length_display,
            "current": sentence.is_current,
            "key_dates": {
                label: value
                for field, label in rules.KEY_DATES.items()
                if (value := getattr(sentence, field))
            },
            "offences": [
                {
                    "description": offence.description,
                    "conviction_date": offence.conviction_date,
                    "main_offence": offence.is_main,
                    "ogrs3_category": offence.ogrs3_category or None,
                }
                for offence in sentence.offences.all()
            ],
        }
        for sentence in person.sentences.prefetch_related("offences")
    ]


def _case_notes(person: Person) -> list[dict[str, Any]]:
    notes = (
        CaseNote.objects.filter(person=person)
        .select_related("author")
        .order_by("occurred_on", "created_at", "pk")
    )
    return [
        {
            "date": note.occurred_on,
            "type": note.get_note_type_display(),
            "text": note.text,
            "written_by": note.author.full_name,
            "recorded_at": note.created_at,
            "marked_sensitive": note.sensitive,
            "not_for_disclosure_to_partners": note.withheld_from_partners,
        }
        for note in notes
    ]


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


def _disclosures(person: Person) -> list[dict[str, Any]]:
    events = (
        AuditEvent.objects.filter(
            person_id=person.pk, operation=Operation.DISCLOSURE, outcome=Outcome.ALLOWED
        )
        .order_by("occurred_at", "id")
        .values("occurred_at", "recipient", "record_type")
    )
    return [
        {
            "when": event["occurred_at"],
            "recipient": event["recipient"] or "Not recorded",
            "what": event["record_type"],
        }
        for event in events
    ]
