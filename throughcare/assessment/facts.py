"""What the person's record already holds that the assessment uses (OGRS3's date of birth,
sex, main offence and its category, conviction date), each with where it came from: never
typed again."""

from __future__ import annotations

from typing import Any

from throughcare.people.models import Offence

from .sections.headline import RecordFacts


def record_facts(person: Any) -> RecordFacts:
    """What the record already holds for OGRS3, each with where it came from: never typed
    again in the assessment."""
    main = (
        Offence.objects.filter(person=person, sentence__is_current=True)
        .order_by("-is_main", "-conviction_date", "pk")
        .first()
    )
    record = "From the person's record"
    return RecordFacts(
        date_of_birth=person.date_of_birth,
        date_of_birth_source=f"{record} (identity)",
        sex=person.sex,
        sex_source=f"{record} (identity)",
        offence_category=(main.ogrs3_category or None) if main else None,
        offence_description=main.description if main else "",
        offence_source=f"{record} (main offence of the current sentence)"
        if main
        else "No current offence recorded",
        conviction_date=main.conviction_date if main else None,
        conviction_date_source=f"{record} (main offence)" if main else "Not recorded",
    )
