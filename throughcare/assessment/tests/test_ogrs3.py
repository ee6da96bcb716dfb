"""OGRS3: the published coefficients, the golden master, the rules, one case and many."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest

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
    rows = re.findall(r"^\| (\d+)(?:-(\d+)|\+) \| (-?[0-9.]+) \| (-?[0-9.]+) \|$", section,
                      flags=re.MULTILINE)
    assert [(int(lo), int(hi) if hi else None) for lo, hi, _, _ in rows] == list(ogrs3.AGE_BANDS)
    assert [float(m) for _, _, m, _ in rows] == list(ogrs3.AGE_SEX_COEFFICIENTS["male"])
    assert [float(f) for _, _, _, f in rows] == list(ogrs3.AGE_SEX_COEFFICIENTS["female"])


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
                sex=case["sex"], offence_category=case["offence_category"],
                previous_sanctions=case["previous_sanctions"],
                age_at_assessment=ogrs3.whole_years(date.fromisoformat(case["assessment_date"]),
                                                    born),
                age_at_conviction=ogrs3.whole_years(date.fromisoformat(case["conviction_date"]),
                                                    born),
                age_at_first_sanction=ogrs3.whole_years(first, born),
            )
        assert abs(result.one_year - case["expected_1y"]) <= 1e-9, case
        assert abs(result.two_year - case["expected_2y"]) <= 1e-9, case
    assert rejected <= 1  # rules must not reject reference cases they do not name


def test_golden_master_batch(golden_master: list[dict[str, Any]]) -> None:
    result = ogrs3.score_batch(**{k: [c[k] for c in golden_master] for k in FIELDS})
    expected_1y = np.array([c["expected_1y"] for c in golden_master])
    expected_2y = np.array([c["expected_2y"] for c in golden_master])
    ok = result.ok
    assert np.all(np.abs(result.one_year[ok] - expected_1y[ok]) <= 1e-9)
    assert np.all(np.abs(result.two_year[ok] - expected_2y[ok]) <= 1e-9)
    for row in np.flatnonzero(~ok).tolist():
        assert {p.code for p in result.problems(row)} == {"first_sanction_before_age_10"}
    assert ok.sum() >= 999


def test_golden_master_has_whole_year_ages_at_the_birthday_edge(
        golden_master: list[dict[str, Any]]) -> None:
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
@pytest.mark.parametrize(("later", "born", "years"), [
    (date(2020, 6, 14), date(1990, 6, 15), 29),
    (date(2020, 6, 15), date(1990, 6, 15), 30),
    (date(2021, 2, 28), date(2000, 2, 29), 20),
    (date(2021, 3, 1), date(2000, 2, 29), 21),
    (date(2024, 2, 29), date(2000, 2, 29), 24),
])
def test_whole_years(later: date, born: date, years: int) -> None:
    assert ogrs3.whole_years(later, born) == years


@pytest.mark.parametrize(("age", "index"), [
    (10, 0), (11, 0), (12, 1), (17, 3), (18, 4), (20, 4), (21, 5), (49, 9), (50, 10), (90, 10),
])
def test_age_band(age: int, index: int) -> None:
    assert ogrs3.age_band(age) == index


@pytest.mark.parametrize(("p", "name"), [
    (0.0, "Low"), (0.4949, "Low"), (0.4951, "Medium"), (0.7449, "Medium"), (0.7451, "High"),
    (0.8949, "High"), (0.8951, "Very high"), (0.999, "Very high"),
])
def test_band_uses_the_displayed_percentage(p: float, name: str) -> None:
    assert ogrs3.band(p) == name


def test_age_band_changes_on_the_birthday() -> None:
    """Aged 20 the day before the 21st birthday (band 18-20), 21 on it (band 21-24)."""
    common = {"first_sanction_date": "2012-01-01", "conviction_date": "2019-01-01",
              "assessment_date": "2020-05-01"}
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
    for p, intercept in ((result.one_year, result.intercept_1y),
                         (result.two_year, result.intercept_2y)):
        assert math.log(p / (1 - p)) == pytest.approx(intercept + result.total, abs=1e-12)
    copas = result.terms[2]
    assert copas.value == pytest.approx(ogrs3.COPAS_WEIGHT * math.log((4 + 1) / (10 + 29 - 15)))
    assert result.band == ogrs3.band(result.two_year)
    assert 0 <= result.two_year_percent <= 100
    assert all(t.label and t.detail for t in result.terms)


def test_first_offence_uses_the_first_offence_term() -> None:
    result = ogrs3.score(**{**VALID, "previous_sanctions": 0, "first_sanction_date":
                            VALID["conviction_date"]})
    assert result.terms[1].value == ogrs3.FIRST_OFFENCE
    assert result.copas_rate == pytest.approx(math.log(1 / 10))


def test_sanctions_are_capped_at_fifty() -> None:
    fifty = ogrs3.score(**{**VALID, "previous_sanctions": 50})
    many = ogrs3.score(**{**VALID, "previous_sanctions": 80})
    assert many.one_year == fifty.one_year and many.sanctions_counted == 50
    assert ogrs3.score(**{**VALID, "previous_sanctions": 49}).one_year < fifty.one_year


def test_accepts_date_objects_and_loose_case() -> None:
    as_dates = ogrs3.score(**{**VALID, **{k: date.fromisoformat(VALID[k]) for k in (
        "birth_date", "conviction_date", "first_sanction_date", "assessment_date")}})
    loose = ogrs3.score(**{**VALID, "sex": " Male ", "offence_category": "burglary  (DOMESTIC)"})
    assert as_dates == ogrs3.score(**VALID) == loose


# --- every rule in ogrs3.md, one case and many ---------------------------------------------------
RULE_CASES: list[tuple[str, dict[str, Any], str, str, type[ogrs3.OGRS3Error]]] = [
    ("birth date after the conviction date",
     {"birth_date": "2020-03-02", "first_sanction_date": "2020-03-01"},
     "birth_date", "birth_after_conviction", ogrs3.InvalidInputError),
    ("first sanction after the current conviction", {"first_sanction_date": "2020-03-02"},
     "first_sanction_date", "first_sanction_after_conviction", ogrs3.InvalidInputError),
    ("first sanction the day before the 10th birthday", {"first_sanction_date": "2000-06-14"},
     "first_sanction_date", "first_sanction_before_age_10", ogrs3.InvalidInputError),
    ("first sanction before birth", {"first_sanction_date": "1989-01-01"},
     "first_sanction_date", "first_sanction_before_age_10", ogrs3.InvalidInputError),
    ("negative sanction count", {"previous_sanctions": -1},
     "previous_sanctions", "negative_sanctions", ogrs3.InvalidInputError),
    ("assessment before conviction", {"assessment_date": "2020-02-29"},
     "assessment_date", "assessment_before_conviction", ogrs3.InvalidInputError),
    ("unknown category", {"offence_category": "Theft"},
     "offence_category", "unknown_category", ogrs3.InvalidInputError),
    ("offence not placed in a category", {"offence_category": ""},
     "offence_category", "not_categorised", ogrs3.NotCalculableError),
    ("offence category missing", {"offence_category": None},
     "offence_category", "not_categorised", ogrs3.NotCalculableError),
    ("unknown sex", {"sex": "m"}, "sex", "unknown_sex", ogrs3.InvalidInputError),
    ("sanction count not a whole number", {"previous_sanctions": "2.5"},
     "previous_sanctions", "not_whole_number", ogrs3.InvalidInputError),
    ("date not ISO 8601", {"birth_date": "15/06/1990"},
     "birth_date", "not_a_date", ogrs3.InvalidInputError),
    ("impossible date", {"assessment_date": "2021-02-29"},
     "assessment_date", "not_a_date", ogrs3.InvalidInputError),
    ("missing date", {"conviction_date": ""}, "conviction_date", "missing",
     ogrs3.NotCalculableError),
]


@pytest.mark.parametrize(("change", "field", "code", "error"),
                         [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_rule_one_case(change: dict[str, Any], field: str, code: str,
                       error: type[ogrs3.OGRS3Error]) -> None:
    with pytest.raises(error) as caught:
        ogrs3.score(**{**VALID, **change})
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.reason and field in str(caught.value)
    assert ogrs3.rule(field, code).message == caught.value.reason


@pytest.mark.parametrize(("change", "field", "code", "error"),
                         [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_rule_batch(change: dict[str, Any], field: str, code: str,
                    error: type[ogrs3.OGRS3Error]) -> None:
    rows = [VALID, {**VALID, **change}, VALID]
    result = ogrs3.score_batch(**{k: [r[k] for r in rows] for k in FIELDS})
    assert result.ok.tolist() == [True, False, True]
    assert [(p.field, p.code) for p in result.problems(1)] == [(field, code)]
    assert math.isnan(result.one_year[1]) and math.isnan(result.two_year[1])
    assert result.bands()[1] is None and result.band_index[1] == -1
    errors = result.errors()
    assert errors[0] is None and errors[2] is None
    assert errors[1] == f"{field}: {ogrs3.rule(field, code).message}"
    assert result.one_year[0] == ogrs3.score(**VALID).one_year


def test_boundaries_that_are_allowed() -> None:
    """Exactly 10 on the first sanction, and assessment on the conviction day, are fine."""
    ogrs3.score(**{**VALID, "first_sanction_date": "2000-06-15"})
    ogrs3.score(**{**VALID, "assessment_date": VALID["conviction_date"]})
    ogrs3.score(**{**VALID, "first_sanction_date": VALID["conviction_date"]})


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


# --- batch and one case agree ------------------------------------------------------------------
def random_cases(n: int, seed: int) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    cases = []
    for _ in range(n):
        born = date(1940, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 65)))
        first = born + timedelta(days=int(rng.integers(365 * 8, 365 * 30)))
        convicted = first + timedelta(days=int(rng.integers(-200, 365 * 20)))
        assessed = convicted + timedelta(days=int(rng.integers(-30, 365 * 3)))
        category = ogrs3.CATEGORIES[int(rng.integers(0, 20))] if rng.random() > 0.02 else ""
        cases.append({
            "sex": ("male", "female")[int(rng.integers(0, 2))],
            "offence_category": category,
            "previous_sanctions": int(rng.integers(-1, 70)),
            "birth_date": born, "conviction_date": convicted,
            "first_sanction_date": first, "assessment_date": assessed,
        })
    return cases


def test_batch_agrees_with_one_case_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ogrs3, "BLOCK_ROWS", 97)  # many blocks, the last one short
    cases = random_cases(3000, seed=7)
    as_strings = ogrs3.score_batch(
        **{k: [c[k].isoformat() if isinstance(c[k], date) else c[k] for c in cases]
           for k in FIELDS})
    coded = ogrs3.score_batch(
        sex=ogrs3.encode_sex([c["sex"] for c in cases]),
        offence_category=ogrs3.encode_category([c["offence_category"] for c in cases]),
        previous_sanctions=np.array([c["previous_sanctions"] for c in cases]),
        **{k: np.array([c[k] for c in cases], dtype="datetime64[D]") for k in FIELDS[3:]},
    )
    scored = failed = 0
    for i, case in enumerate(cases):
        for batch in (as_strings, coded):
            try:
                one = ogrs3.score(**case)
            except ogrs3.OGRS3Error as exc:
                assert {p.code for p in batch.problems(i)} == exc.codes
                assert not batch.ok[i]
                failed += 1
                continue
            scored += 1
            assert batch.ok[i]
            assert batch.one_year[i] == pytest.approx(one.one_year, abs=1e-12)
            assert batch.two_year[i] == pytest.approx(one.two_year, abs=1e-12)
            assert batch.bands()[i] == one.band
            terms = [batch.age_sex[i], batch.sanctions[i], batch.copas[i], batch.offence[i]]
            assert terms == pytest.approx([t.value for t in one.terms], abs=1e-12)
    assert scored > 2000 and failed > 200  # both kinds of row were exercised


def test_batch_handles_missing_values_in_arrays() -> None:
    result = ogrs3.score_batch(
        sex=np.array([0, -1]), offence_category=np.array([3, -1]),
        previous_sanctions=np.array([2.0, np.nan]),
        birth_date=np.array(["1990-01-01", "NaT"], dtype="datetime64[D]"),
        conviction_date=np.array(["2019-01-01", "2019-01-01"], dtype="datetime64[D]"),
        first_sanction_date=np.array(["2010-01-01", "2010-01-01"], dtype="datetime64[D]"),
        assessment_date=np.array(["2020-01-01", "2020-01-01"], dtype="datetime64[D]"),
    )
    assert result.ok.tolist() == [True, False]
    assert {(p.field, p.code) for p in result.problems(1)} == {
        ("sex", "missing"), ("offence_category", "not_categorised"),
        ("previous_sanctions", "missing"), ("birth_date", "missing")}
    assert all(p.not_calculable for p in result.problems(1))


def test_batch_rejects_arrays_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="rows"):
        ogrs3.score_batch(**{**{k: [VALID[k]] * 2 for k in FIELDS}, "sex": ["male"]})
