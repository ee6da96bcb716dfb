"""OGRS3, many cases: the golden master, every rule per row, agreement with one case."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest

from throughcare.assessment.instruments import ogrs3
from throughcare.assessment.instruments.ogrs3 import batch as ogrs3_batch

from .examples import FIELDS, RULE_CASES, VALID


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


@pytest.mark.parametrize(
    ("change", "field", "code", "error"),
    [c[1:] for c in RULE_CASES],
    ids=[c[0] for c in RULE_CASES],
)
def test_rule_batch(
    change: dict[str, Any], field: str, code: str, error: type[ogrs3.OGRS3Error]
) -> None:
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
        cases.append(
            {
                "sex": ("male", "female")[int(rng.integers(0, 2))],
                "offence_category": category,
                "previous_sanctions": int(rng.integers(-1, 70)),
                "birth_date": born,
                "conviction_date": convicted,
                "first_sanction_date": first,
                "assessment_date": assessed,
            }
        )
    return cases


def test_batch_agrees_with_one_case_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ogrs3_batch, "BLOCK_ROWS", 97)  # many blocks, the last one short
    cases = random_cases(3000, seed=7)
    as_strings = ogrs3.score_batch(
        **{k: [c[k].isoformat() if isinstance(c[k], date) else c[k] for c in cases] for k in FIELDS}
    )
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
        sex=np.array([0, -1]),
        offence_category=np.array([3, -1]),
        previous_sanctions=np.array([2.0, np.nan]),
        birth_date=np.array(["1990-01-01", "NaT"], dtype="datetime64[D]"),
        conviction_date=np.array(["2019-01-01", "2019-01-01"], dtype="datetime64[D]"),
        first_sanction_date=np.array(["2010-01-01", "2010-01-01"], dtype="datetime64[D]"),
        assessment_date=np.array(["2020-01-01", "2020-01-01"], dtype="datetime64[D]"),
    )
    assert result.ok.tolist() == [True, False]
    assert {(p.field, p.code) for p in result.problems(1)} == {
        ("sex", "missing"),
        ("offence_category", "not_categorised"),
        ("previous_sanctions", "missing"),
        ("birth_date", "missing"),
    }
    assert all(p.not_calculable for p in result.problems(1))


def test_batch_rejects_arrays_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="rows"):
        ogrs3.score_batch(**{**{k: [VALID[k]] * 2 for k in FIELDS}, "sex": ["male"]})
