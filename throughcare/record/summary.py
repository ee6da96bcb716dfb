"""A person's record in plain values, for the exports: one row of a caseload, and the record
summary (identity, identifiers, custody and allocation, sentences with their key dates). The
resettlement plan joins the summary when the planning app lands.

Callers pass people the access policy already let them export."""

from __future__ import annotations

from datetime import date
from typing import Any

from throughcare.access.models import User
from throughcare.people import rules
from throughcare.people.models import Person, Sentence

CASELOAD_COLUMNS = [
    "crn",
    "family_name",
    "given_name",
    "date_of_birth",
    "prison_number",
    "pnc_number",
    "prison",
    "release_date",
    "release_date_source",
    "eligibility_date",
    "pom",
    "com",
]


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _officer(user: User | None) -> dict[str, str] | None:
    return {"name": user.full_name, "email": user.email} if user is not None else None


def caseload_row(person: Person) -> dict[str, str]:
    """The caseload's columns for one person (select_related prison, pom and com)."""
    return {
        "crn": person.crn,
        "family_name": person.family_name,
        "given_name": person.given_name,
        "date_of_birth": _day(person.date_of_birth),
        "prison_number": person.prison_number or "",
        "pnc_number": person.pnc_number or "",
        "prison": person.prison.name if person.prison else "",
        "release_date": _day(person.release_date),
        "release_date_source": person.release_date_source,
        "eligibility_date": _day(person.eligibility_date),
        "pom": person.pom.email if person.pom else "",
        "com": person.com.email if person.com else "",
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {
        "sentence_type": sentence.get_sentence_type_display(),
        "sentence_date": _day(sentence.sentence_date),
        "length": sentence.length_display,
        "is_current": sentence.is_current,
        "key_dates": {
            field: _day(getattr(sentence, field))
            for field in rules.KEY_DATES
            if getattr(sentence, field)
        },
    }


def record_summary(person: Person) -> dict[str, Any]:
    """Identity, identifiers, custody and allocation, and sentences with their key dates."""
    return {
        "identity": {
            "crn": person.crn,
            "given_name": person.given_name,
            "middle_names": person.middle_names,
            "family_name": person.family_name,
            "preferred_name": person.preferred_name,
            "date_of_birth": _day(person.date_of_birth),
            "sex": person.get_sex_display(),
        },
        "identifiers": {
            "crn": person.crn,
            "prison_number": person.prison_number or "",
            "pnc_number": person.pnc_number or "",
        },
        "custody_and_allocation": {
            "prison": person.prison.name if person.prison else "",
            "prison_offender_manager": _officer(person.pom),
            "community_offender_manager": _officer(person.com),
        },
        "release": {
            "release_date": _day(person.release_date),
            "release_date_source": person.release_date_source,
            "eligibility_date": _day(person.eligibility_date),
        },
        "sentences": [_sentence(s) for s in person.sentences.order_by("-sentence_date", "pk")],
    }


def summary_rows(summary: dict[str, Any]) -> list[list[str]]:
    """The summary as CSV rows of section, item, value (a sentence's rows numbered)."""
    rows = [["section", "item", "value"]]
    for section in ("identity", "identifiers", "release"):
        rows += [[section, key, str(value)] for key, value in summary[section].items()]
    allocation = summary["custody_and_allocation"]
    rows.append(["custody_and_allocation", "prison", allocation["prison"]])
    for role in ("prison_offender_manager", "community_offender_manager"):
        officer = allocation[role]
        rows.append(
            [
                "custody_and_allocation",
                role,
                f"{officer['name']} <{officer['email']}>" if officer else "",
            ]
        )
    for number, sentence in enumerate(summary["sentences"], start=1):
        section = f"sentence {number}"
        rows += [
            [section, key, str(sentence[key])]
            for key in ("sentence_type", "sentence_date", "length", "is_current")
        ]
        rows += [[section, key, value] for key, value in sentence["key_dates"].items()]
    return rows
