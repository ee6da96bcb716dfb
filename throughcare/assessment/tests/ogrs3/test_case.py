"""OGRS3, one case: the golden master, whole years and bands, the terms, every rule."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from throughcare.assessment.instruments import ogrs3

from .examples import RULE_CASES, VALID, inputs, ten_years_on


# --- the golden master ---------------------------------------------------------------------
def test_golden_master_one_case_at_a_time(golden_master: list[dict[str, Any]]) -> None:
    """Every case matches to 1e-9. A case that breaks an ogrs3.md rule must be rejected by
    score(), and the arithmetic it would use (formula) must still give the reference figure."""
    rejected = 0
    for case in golden_master:
        try:
            result = ogrs3.score(**inputs(case))
        except ogrs3.InvalidInputError as exc:
            rejected += 1
            born = date.fromisoformat(case["birth_date"])
            first = date.fromisoformat(case["first_sanction_date"])
            assert exc.codes == {"first_sanction_before_age_10"}, case
            assert first < ten_years_on(born), case
            result = ogrs3.formula(
                sex=case["sex"],
                offence_category=case["offence_category"],
                previous_sanctions=case["previous_sanctions"],
                age_at_assessment=ogrs3.whole_years(
                    date.fromisoformat(case["assessment_date"]), born
                ),
                age_at_conviction=ogrs3.whole_years(
                    date.fromisoformat(case["conviction_date"]), born
                ),
                age_at_first_sanction=ogrs3.whole_years(first, born),
            )
        assert abs(result.one_year - case["expected_1y"]) <= 1e-9, case
        assert abs(result.two_year - case["expected_2y"]) <= 1e-9, case
    assert rejected <= 1  # rules must not reject reference cases they do not name


def test_golden_master_has_whole_year_ages_at_the_birthday_edge(
    golden_master: list[dict[str, Any]],
) -> None:
    """Sanity: the reference cases include assessments just before a birthday, so the whole-year
    rule is actually exercised by the golden-master test."""
    near = 0
    for case in golden_master:
        born = date.fromisoformat(case["birth_date"])
        assessed = date.fromisoformat(case["assessment_date"])
        if (assessed.month, assessed.day) < (born.month, born.day):
            near += 1
    assert near > 100


# --- whole years and bands ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("later", "born", "years"),
    [
        (date(2020, 6, 14), date(1990, 6, 15), 29),
        (date(2020, 6, 15), date(1990, 6, 15), 30),
        (date(2021, 2, 28), date(2000, 2, 29), 20),
        (date(2021, 3, 1), date(2000, 2, 29), 21),
        (date(2024, 2, 29), date(2000, 2, 29), 24),
    ],
)
def test_whole_years(later: date, born: date, years: int) -> None:
    assert ogrs3.whole_years(later, born) == years


@pytest.mark.parametrize(
    ("age", "index"),
    [
        (10, 0),
        (11, 0),
        (12, 1),
        (17, 3),
        (18, 4),
        (20, 4),
        (21, 5),
        (49, 9),
        (50, 10),
        (90, 10),
    ],
)
def test_age_band(age: int, index: int) -> None:
    assert ogrs3.age_band(age) == index


@pytest.mark.parametrize(
    ("p", "name"),
    [
        (0.0, "Low"),
        (0.4949, "Low"),
        (0.4951, "Medium"),
        (0.7449, "Medium"),
        (0.7451, "High"),
        (0.8949, "High"),
        (0.8951, "Very high"),
        (0.999, "Very high"),
    ],
)
def test_band_uses_the_displayed_percentage(p: float, name: str) -> None:
    assert ogrs3.band(p) == name


def test_age_band_changes_on_the_birthday() -> None:
    """Aged 20 the day before the 21st birthday (band 18-20), 21 on it (band 21-24)."""
    common = {
        "first_sanction_date": "2012-01-01",
        "conviction_date": "2019-01-01",
        "assessment_date": "2020-05-01",
    }
    before = ogrs3.score(**{**VALID, **common, "birth_date": "1999-05-02"})
    on = ogrs3.score(**{**VALID, **common, "birth_date": "1999-05-01"})
    assert (before.age_at_assessment, on.age_at_assessment) == (20, 21)
    assert before.terms[0].value == ogrs3.AGE_SEX_COEFFICIENTS["male"][4]
    assert on.terms[0].value == ogrs3.AGE_SEX_COEFFICIENTS["male"][5]


# --- one case ------------------------------------------------------------------------------
def test_terms_add_up_to_the_probabilities() -> None:
    result = ogrs3.score(**VALID)
    assert [t.key for t in result.terms] == ["age_sex", "sanctions", "copas", "offence"]
    assert result.total == pytest.approx(sum(t.value for t in result.terms))
    for p, intercept in (
        (result.one_year, result.intercept_1y),
        (result.two_year, result.intercept_2y),
    ):
        assert math.log(p / (1 - p)) == pytest.approx(intercept + result.total, abs=1e-12)
    copas = result.terms[2]
    assert copas.value == pytest.approx(ogrs3.COPAS_WEIGHT * math.log((4 + 1) / (10 + 29 - 15)))
    assert result.band == ogrs3.band(result.two_year)
    assert 0 <= result.two_year_percent <= 100
    assert all(t.label and t.detail for t in result.terms)


def test_first_offence_uses_the_first_offence_term() -> None:
    result = ogrs3.score(
        **{**VALID, "previous_sanctions": 0, "first_sanction_date": VALID["conviction_date"]}
    )
    assert result.terms[1].value == ogrs3.FIRST_OFFENCE
    assert result.copas_rate == pytest.approx(math.log(1 / 10))


def test_sanctions_are_capped_at_fifty() -> None:
    fifty = ogrs3.score(**{**VALID, "previous_sanctions": 50})
    many = ogrs3.score(**{**VALID, "previous_sanctions": 80})
    assert many.one_year == fifty.one_year and many.sanctions_counted == 50
    assert ogrs3.score(**{**VALID, "previous_sanctions": 49}).one_year < fifty.one_year


def test_accepts_date_objects_and_loose_case() -> None:
    as_dates = ogrs3.score(
        **{
            **VALID,
            **{
                k: date.fromisoformat(VALID[k])
                for k in ("birth_date", "conviction_date", "first_sanction_date", "assessment_date")
            },
        }
    )
    loose = ogrs3.score(**{**VALID, "sex": " Male ", "offence_category": "burglary  (DOMESTIC)"})
    assert as_dates == ogrs3.score(**VALID) == loose


# --- every rule in ogrs3.md, one case and many ---------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "code", "error"),
    [c[1:] for c in RULE_CASES],
    ids=[c[0] for c in RULE_CASES],
)
def test_rule_one_case(
    change: dict[str, Any], field: str, code: str, error: type[ogrs3.OGRS3Error]
) -> None:
    with pytest.raises(error) as caught:
        ogrs3.score(**{**VALID, **change})
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.reason and field in str(caught.value)
    assert ogrs3.rule(field, code).message == caught.value.reason


def test_boundaries_that_are_allowed() -> None:
    """Exactly 10 on the first sanction, and assessment on the conviction day, are fine."""
    aged_ten = ogrs3.score(**{**VALID, "first_sanction_date": "2000-06-15"})
    assert aged_ten.age_at_first_sanction == 10
    same_day = ogrs3.score(**{**VALID, "assessment_date": VALID["conviction_date"]})
    assert same_day.age_at_assessment == same_day.age_at_conviction == 29
    first_now = ogrs3.score(**{**VALID, "first_sanction_date": VALID["conviction_date"]})
    assert first_now.age_at_first_sanction == first_now.age_at_conviction == 29
    for result in (aged_ten, same_day, first_now):
        assert 0 < result.one_year < result.two_year < 1


def test_every_problem_is_reported() -> None:
    with pytest.raises(ogrs3.InvalidInputError) as caught:
        ogrs3.score(**{**VALID, "sex": "x", "previous_sanctions": -3, "offence_category": ""})
    assert caught.value.codes == {"unknown_sex", "negative_sanctions", "not_categorised"}


def test_odd_python_types_are_rejected_not_coerced() -> None:
    from datetime import datetime

    with pytest.raises(ogrs3.InvalidInputError) as caught:
        ogrs3.score(**{**VALID, "previous_sanctions": True})
    assert caught.value.code == "not_whole_number"
    with pytest.raises(ogrs3.InvalidInputError) as caught:
        ogrs3.score(**{**VALID, "birth_date": datetime(1990, 6, 15, 12, 0)})  # noqa: DTZ001
    assert caught.value.code == "not_a_date"


def test_any_whole_number_type_counts_but_not_fractions_or_decimals() -> None:
    """numpy's numbers are accepted (the one-case path recognises them without importing
    numpy); other exact types were never accepted and still are not."""
    import numpy as np

    expected = ogrs3.score(**VALID).one_year
    for count in (np.int64(4), np.uint8(4), np.float64(4.0), np.float32(4.0), 4.0, "4", "+4"):
        assert ogrs3.score(**{**VALID, "previous_sanctions": count}).one_year == expected, count
    for odd in (Fraction(4), Decimal(4), np.float32(4.5), np.bool_(True), float("inf")):
        with pytest.raises(ogrs3.InvalidInputError) as caught:
            ogrs3.score(**{**VALID, "previous_sanctions": odd})
        assert caught.value.code == "not_whole_number", odd
