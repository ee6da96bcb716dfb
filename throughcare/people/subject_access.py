"""The people app's part of the subject access export (`throughcare.core.subject_access`).

Included: identity and other names, identifiers, protected characteristics, where the person
is, key dates, who is responsible for them (staff names are given: staff act in an official
capacity), sentences and offences, and when the record was made and last changed.

Withheld: victim details (name, relationship, safety concerns), which are third-party
information. Victim rows are counted by id only; their content is never read from the
database here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from throughcare.core.subject_access import Part, Section, Withheld

from . import rules

if TYPE_CHECKING:
    from .models import Person

VICTIM_REASON = (
    "Third-party information: victim details are withheld under the Data Protection Act 2018 "
    "(third-party data)"
)
VICTIMS = Withheld("victim details", VICTIM_REASON)


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


def _identifiers(person: Person) -> dict[str, Any]:
    return {
        "crn": person.crn,
        "prison_number": person.prison_number or None,
        "pnc_number": person.pnc_number or None,
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


def _location(person: Person) -> dict[str, Any]:
    return {
        "prison": person.prison.name if person.prison else None,
        "community_address": person.community_address or None,
    }


def _key_dates(person: Person) -> dict[str, Any]:
    return {
        "release_date": person.release_date,
        "release_date_source": person.release_date_source or None,
        "eligibility_date": person.eligibility_date,
    }


def _allocation(person: Person) -> dict[str, Any]:
    # Staff names are given: staff act in an official capacity.
    allocated = {"prison_offender_manager": person.pom, "community_offender_manager": person.com}
    return {
        role: None
        if user is None
        else {
            "name": user.full_name,
            "organisation": user.organisation.name if user.organisation else None,
        }
        for role, user in allocated.items()
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


def _victims(person: Person) -> list[dict[str, Any]]:
    return [VICTIMS.item() for _ in person.victims.order_by("pk").values_list("pk", flat=True)]


def _record(person: Person) -> dict[str, Any]:
    return {"created_at": person.created_at, "updated_at": person.updated_at}


PART = Part(
    app="people",
    sections=(
        Section(
            "identity",
            10,
            _identity,
            includes="their identity, identifiers and the protected characteristics recorded",
        ),
        Section("identifiers", 20, _identifiers),
        Section("protected_characteristics", 30, _characteristics),
        Section(
            "location",
            40,
            _location,
            includes="where they are, their key dates and who is responsible for them",
        ),
        Section("key_dates", 50, _key_dates),
        Section("allocation", 60, _allocation),
        Section("sentences", 70, _sentences, includes="their sentences and offences"),
        Section("victims", 90, _victims, withheld=VICTIMS),
        Section("record", 1000, _record),
    ),
    covers={
        "people.Person": "identity",
        "people.Alias": "identity",
        "people.Sentence": "sentences",
        "people.Offence": "sentences",
        "people.Victim": "victims",
    },
)
