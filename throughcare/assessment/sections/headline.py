"""What the assessment comes to, worked out from its saved answers and the person's record:
the risk of serious harm (overall and in the community), OGRS3 with its sum or why it cannot be
calculated, the judged likelihood against the band, and the reasons for a MARAC referral.
Nothing here is typed by the practitioner: it is computed every time from the answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from throughcare.assessment.instruments import ogrs3
from throughcare.assessment.instruments.ogrs3 import OGRS3Result
from throughcare.assessment.rules import judgement, rosh
from throughcare.assessment.rules.rosh import Level
from throughcare.core import clock

from .abuse import marac_reasons_for
from .harm import levels_from

FROM_RECORD = "From the person's record"
FROM_MAIN_OFFENCE = "From the person's record (main offence)"

# The instrument as used here, stored with every score (ogrs3.md; the instruments package).
INSTRUMENT = "OGRS3"
INSTRUMENT_VERSION = (
    "OGRS3 (Howard, Francis, Soothill and Humphreys 2009, Ministry of Justice Research "
    "Summary 7/09), coefficients as published; whole-year ages; previous sanctions capped at 50"
)


@dataclass(frozen=True)
class RecordFacts:
    """The OGRS3 inputs the person's record holds, each with where it came from (shown beside
    it). `offence_category` is None when the main offence has not been placed in a category;
    a date is None when the record has none."""

    date_of_birth: date | None
    sex: str | None
    offence_category: str | None
    offence_description: str
    conviction_date: date | None
    date_of_birth_source: str = FROM_RECORD
    sex_source: str = FROM_RECORD
    offence_source: str = FROM_MAIN_OFFENCE
    conviction_date_source: str = FROM_MAIN_OFFENCE

    def rows(self) -> list[tuple[str, str, str]]:
        """(input, value as shown, source) for a page."""

        def day(value: date | None) -> str:
            return value.strftime("%-d %B %Y") if value else "Not recorded"

        category = self.offence_category or "Not placed in an OGRS3 category"
        offence = (
            f"{self.offence_description}: {category}" if self.offence_description else category
        )
        return [
            ("Date of birth", day(self.date_of_birth), self.date_of_birth_source),
            ("Sex", (self.sex or "Not recorded").capitalize(), self.sex_source),
            ("Current offence", offence, self.offence_source),
            (
                "Date of the current conviction",
                day(self.conviction_date),
                self.conviction_date_source,
            ),
        ]


@dataclass(frozen=True)
class Headline:
    overall: Level | None  # the highest level rated; None when nothing is rated yet
    overall_community: Level | None
    overall_custody: Level | None
    community: dict[str, Level | None]  # by group, in the community
    ogrs3: OGRS3Result | None
    ogrs3_problems: tuple[str, ...]  # why OGRS3 is not calculated (plain English); () if it is
    band: str | None  # the OGRS3 band ("Low" ... "Very high")
    judged: str | None  # the practitioner's judgement, one of judgement.BANDS
    departs: bool
    direction: str  # "higher", "lower" or ""
    marac_reasons: tuple[str, ...] = field(default=())

    @property
    def ogrs3_problem(self) -> str:
        return " ".join(self.ogrs3_problems)


def _section(content: Mapping[str, Mapping[str, Any]], key: str) -> Mapping[str, Any]:
    found = content.get(key)
    return found if isinstance(found, Mapping) else {}


def _first_sanction(values: Mapping[str, Any], facts: RecordFacts) -> tuple[Any, bool]:
    """The first sanction's date, and whether it was typed (blank: this conviction is the
    first, so its date is used)."""
    typed = values.get("first_sanction_date")
    if typed:
        return typed, True
    return facts.conviction_date, False


def ogrs3_inputs(
    content: Mapping[str, Mapping[str, Any]], facts: RecordFacts, today: date | None = None
) -> dict[str, Any]:
    """Every OGRS3 input as used (JSON: ISO dates), with its source, and the instrument's name
    and version: stored with the assessment so that its score can be explained years later."""
    values = _section(content, "ogrs3")
    first, typed = _first_sanction(values, facts)
    assessed = today or clock.today()

    def iso(value: Any) -> str | None:
        return value.isoformat() if isinstance(value, date) else (value or None)

    return {
        "instrument": INSTRUMENT,
        "version": INSTRUMENT_VERSION,
        "sex": facts.sex,
        "birth_date": iso(facts.date_of_birth),
        "offence_category": facts.offence_category,
        "offence_description": facts.offence_description,
        "conviction_date": iso(facts.conviction_date),
        "previous_sanctions": values.get("previous_sanctions"),
        "first_sanction_date": iso(first),
        "first_sanction_typed": typed,
        "assessment_date": assessed.isoformat(),
        "sources": {
            "sex": facts.sex_source,
            "birth_date": facts.date_of_birth_source,
            "offence_category": facts.offence_source,
            "conviction_date": facts.conviction_date_source,
            "previous_sanctions": values.get("history_source") or "",
            "first_sanction_date": (
                values.get("history_source") or "" if typed else "The current conviction (first)"
            ),
            "criminal_history_date": values.get("history_date") or "",
            "assessment_date": "The day the assessment was worked out",
        },
    }


# Why OGRS3 cannot be calculated, for the practitioner: what is missing and where to put it.
_PROBLEM_WORDS = {
    ("offence_category", "not_categorised"): (
        "The main offence has not been placed in an OGRS3 category, so OGRS3 cannot be "
        "calculated: record its category on the person's record (it is never guessed)."
    ),
    ("previous_sanctions", "missing"): "Enter the number of previous sanctions.",
    ("sex", "missing"): "The person's record does not say their sex.",
    ("birth_date", "missing"): "The person's record has no date of birth.",
    ("conviction_date", "missing"): (
        "The person's record has no main offence with a conviction date."
    ),
}


def _explain(error: ogrs3.OGRS3Error) -> tuple[str, ...]:
    words = []
    for problem in error.problems:
        if problem.field == "first_sanction_date" and problem.code == "missing":
            continue  # follows from a missing conviction date
        text = _PROBLEM_WORDS.get((problem.field, problem.code))
        words.append(text or problem.message[:1].upper() + problem.message[1:] + ".")
    return tuple(words)


def score(
    content: Mapping[str, Mapping[str, Any]], facts: RecordFacts, today: date | None = None
) -> tuple[OGRS3Result | None, tuple[str, ...]]:
    """The OGRS3 result from the stored inputs, or why it cannot be calculated."""
    inputs = ogrs3_inputs(content, facts, today)
    try:
        result = ogrs3.score(
            sex=inputs["sex"],
            offence_category=inputs["offence_category"],
            previous_sanctions=inputs["previous_sanctions"],
            birth_date=inputs["birth_date"],
            conviction_date=inputs["conviction_date"],
            first_sanction_date=inputs["first_sanction_date"],
            assessment_date=inputs["assessment_date"],
        )
    except ogrs3.OGRS3Error as error:
        return None, _explain(error)
    return result, ()


def headline(
    content: Mapping[str, Mapping[str, Any]], facts: RecordFacts, today: date | None = None
) -> Headline:
    """What the assessment's answers come to (`today`: the assessment date OGRS3 uses;
    the service's today when not given)."""
    levels = levels_from(_section(content, "rosh"))
    result, problems = score(content, facts, today)
    band = result.band if result else None
    judged = _section(content, "likelihood").get("judged") or None
    return Headline(
        overall=rosh.overall(levels),
        overall_community=rosh.overall_in(levels, "community"),
        overall_custody=rosh.overall_in(levels, "custody"),
        community={g: level for (g, s), level in levels.items() if s == "community"},
        ogrs3=result,
        ogrs3_problems=problems,
        band=band,
        judged=judged,
        departs=judgement.departs(band, judged),
        direction=judgement.direction(band, judged),
        marac_reasons=tuple(marac_reasons_for(_section(content, "domestic-abuse"))),
    )
