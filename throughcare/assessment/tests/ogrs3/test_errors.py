"""The rules a case can break and the errors that carry them."""

from __future__ import annotations

import pytest

from throughcare.assessment.instruments.ogrs3 import errors


def test_every_rule_has_its_own_bit_and_code() -> None:
    assert [r.bit for r in errors.RULES] == list(range(len(errors.RULES)))
    assert len(errors.RULES) <= 32  # the batch keeps them in an unsigned 32-bit integer
    assert len({(r.field, r.code) for r in errors.RULES}) == len(errors.RULES)
    for r in errors.RULES:
        assert errors.rule(r.field, r.code) is r
        assert str(r) == f"{r.field}: {r.message}"


def test_the_rules_of_ogrs3_md_are_invalid_input_not_missing_detail() -> None:
    named = {
        ("birth_date", "birth_after_conviction"),
        ("first_sanction_date", "first_sanction_after_conviction"),
        ("first_sanction_date", "first_sanction_before_age_10"),
        ("previous_sanctions", "negative_sanctions"),
        ("assessment_date", "assessment_before_conviction"),
        ("offence_category", "unknown_category"),
    }
    assert all(not errors.rule(*key).not_calculable for key in named)
    assert errors.rule("offence_category", "not_categorised").not_calculable


def test_an_error_carries_every_problem_and_names_the_first() -> None:
    first = errors.rule("sex", "unknown_sex")
    second = errors.rule("previous_sanctions", "negative_sanctions")
    error = errors.InvalidInputError([first, second])
    assert error.problems == (first, second)
    assert (error.field, error.code, error.reason) == ("sex", "unknown_sex", first.message)
    assert error.codes == {"unknown_sex", "negative_sanctions"}
    assert str(error) == f"{first}; {second}"
    assert isinstance(error, errors.OGRS3Error) and isinstance(error, ValueError)


def test_an_error_needs_a_problem() -> None:
    with pytest.raises(ValueError, match="at least one problem"):
        errors.OGRS3Error([])


def test_raise_for_tells_missing_from_wrong() -> None:
    missing = errors.rule("offence_category", "not_categorised")
    wrong = errors.rule("sex", "unknown_sex")
    errors.raise_for([])
    with pytest.raises(errors.NotCalculableError):
        errors.raise_for([missing])
    with pytest.raises(errors.InvalidInputError):
        errors.raise_for([missing, wrong])
