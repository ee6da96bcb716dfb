"""OGRS3's published numbers: the coefficients, the age bands and the offence categories."""

from __future__ import annotations

import re
from typing import Any

from throughcare.assessment.instruments import ogrs3


# --- the published numbers ---------------------------------------------------------------------
def test_coefficients_are_the_published_ones(coefficients: dict[str, Any]) -> None:
    assert coefficients["Intercept_1"] == ogrs3.INTERCEPT_1Y
    assert coefficients["Intercept_2"] == ogrs3.INTERCEPT_2Y
    assert coefficients["copas"] == ogrs3.COPAS_WEIGHT
    assert coefficients["repeatOffender"] == ogrs3.REPEAT_OFFENDER
    assert coefficients["firstTimeNoCaution"] == ogrs3.FIRST_OFFENCE
    assert list(ogrs3.AGE_SEX_COEFFICIENTS["male"]) == coefficients["maleAgeGroupLookup"]
    assert list(ogrs3.AGE_SEX_COEFFICIENTS["female"]) == coefficients["femaleAgeGroupLookup"]
    assert list(ogrs3.OFFENCE_COEFFICIENTS.values()) == coefficients["offenceCategoriesLookup"]


def test_category_names_and_order_are_those_of_ogrs3_md(ogrs3_md: str) -> None:
    section = ogrs3_md.split("## Offence category coefficients", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| (-?[0-9.]+) \|$", section, flags=re.MULTILINE)
    assert [name for name, _ in rows] == list(ogrs3.CATEGORIES)
    assert [float(v) for _, v in rows] == list(ogrs3.OFFENCE_COEFFICIENTS.values())


def test_age_bands_are_those_of_ogrs3_md(ogrs3_md: str) -> None:
    section = ogrs3_md.split("## Age and sex coefficients", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(
        r"^\| (\d+)(?:-(\d+)|\+) \| (-?[0-9.]+) \| (-?[0-9.]+) \|$", section, flags=re.MULTILINE
    )
    assert [(int(lo), int(hi) if hi else None) for lo, hi, _, _ in rows] == list(ogrs3.AGE_BANDS)
    assert [float(m) for _, _, m, _ in rows] == list(ogrs3.AGE_SEX_COEFFICIENTS["male"])
    assert [float(f) for _, _, _, f in rows] == list(ogrs3.AGE_SEX_COEFFICIENTS["female"])


def test_the_people_apps_offence_categories_are_this_table() -> None:
    """One list: the choices for an offence's OGRS3 category are the instrument's own table."""
    from throughcare.people import choices

    assert choices.OGRS3_CATEGORIES is ogrs3.CATEGORIES
    stored = [value for value, label in choices.OGRS3_CATEGORY_CHOICES if value == label]
    assert stored == list(ogrs3.CATEGORIES)
