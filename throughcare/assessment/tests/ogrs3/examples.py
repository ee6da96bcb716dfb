"""Cases shared by the OGRS3 tests of one case and of the batch."""

from __future__ import annotations

from datetime import date
from typing import Any

from throughcare.assessment.instruments import ogrs3

FIELDS = ogrs3.INPUT_COLUMNS


def inputs(case: dict[str, Any]) -> dict[str, Any]:
    return {k: case[k] for k in FIELDS}


def ten_years_on(born: date) -> date:
    """The 10th birthday, worked out independently of the module (29 February -> 1 March)."""
    try:
        return born.replace(year=born.year + 10)
    except ValueError:
        return date(born.year + 10, 3, 1)


VALID: dict[str, Any] = {
    "sex": "male",
    "offence_category": "Burglary (domestic)",
    "previous_sanctions": 4,
    "birth_date": "1990-06-15",
    "conviction_date": "2020-03-01",
    "first_sanction_date": "2006-01-10",
    "assessment_date": "2020-05-01",
}


RULE_CASES: list[tuple[str, dict[str, Any], str, str, type[ogrs3.OGRS3Error]]] = [
    (
        "birth date after the conviction date",
        {"birth_date": "2020-03-02", "first_sanction_date": "2020-03-01"},
        "birth_date",
        "birth_after_conviction",
        ogrs3.InvalidInputError,
    ),
    (
        "first sanction after the current conviction",
        {"first_sanction_date": "2020-03-02"},
        "first_sanction_date",
        "first_sanction_after_conviction",
        ogrs3.InvalidInputError,
    ),
    (
        "first sanction the day before the 10th birthday",
        {"first_sanction_date": "2000-06-14"},
        "first_sanction_date",
        "first_sanction_before_age_10",
        ogrs3.InvalidInputError,
    ),
    (
        "first sanction before birth",
        {"first_sanction_date": "1989-01-01"},
        "first_sanction_date",
        "first_sanction_before_age_10",
        ogrs3.InvalidInputError,
    ),
    (
        "negative sanction count",
        {"previous_sanctions": -1},
        "previous_sanctions",
        "negative_sanctions",
        ogrs3.InvalidInputError,
    ),
    (
        "assessment before conviction",
        {"assessment_date": "2020-02-29"},
        "assessment_date",
        "assessment_before_conviction",
        ogrs3.InvalidInputError,
    ),
    (
        "unknown category",
        {"offence_category": "Theft"},
        "offence_category",
        "unknown_category",
        ogrs3.InvalidInputError,
    ),
    (
        "offence not placed in a category",
        {"offence_category": ""},
        "offence_category",
        "not_categorised",
        ogrs3.NotCalculableError,
    ),
    (
        "offence category missing",
        {"offence_category": None},
        "offence_category",
        "not_categorised",
        ogrs3.NotCalculableError,
    ),
    ("unknown sex", {"sex": "m"}, "sex", "unknown_sex", ogrs3.InvalidInputError),
    (
        "sanction count not a whole number",
        {"previous_sanctions": "2.5"},
        "previous_sanctions",
        "not_whole_number",
        ogrs3.InvalidInputError,
    ),
    (
        "date not ISO 8601",
        {"birth_date": "15/06/1990"},
        "birth_date",
        "not_a_date",
        ogrs3.InvalidInputError,
    ),
    (
        "impossible date",
        {"assessment_date": "2021-02-29"},
        "assessment_date",
        "not_a_date",
        ogrs3.InvalidInputError,
    ),
    (
        "missing date",
        {"conviction_date": ""},
        "conviction_date",
        "missing",
        ogrs3.NotCalculableError,
    ),
]
