from datetime import date

import pytest

from throughcare.people import rules

TODAY = date(2026, 11, 24)


def test_release_date_takes_the_first_that_exists_in_practice_order() -> None:
    dates = {
        "crd": date(2027, 3, 1),
        "ard": date(2027, 2, 1),
        "hdcad": date(2027, 1, 15),
        "actual_parole_date": None,
        "confirmed_release_date": None,
    }
    shown = rules.release_date(dates)
    assert shown == rules.ShownDate(date(2027, 1, 15), "home detention curfew approved date")
    dates["confirmed_release_date"] = date(2027, 1, 20)
    assert rules.release_date(dates) == rules.ShownDate(date(2027, 1, 20), "confirmed release date")


def test_release_date_falls_back_to_ard_and_then_to_none() -> None:
    assert rules.release_date({"ard": date(2027, 2, 1)}) == rules.ShownDate(
        date(2027, 2, 1), "automatic release date"
    )
    assert rules.release_date({"sed": date(2030, 1, 1)}) is None


def test_eligibility_date_is_the_earlier_of_ped_and_hdced() -> None:
    assert rules.eligibility_date({"ped": date(2027, 5, 1), "hdced": date(2027, 4, 1)}) == (
        rules.ShownDate(date(2027, 4, 1), "HDC eligibility date")
    )
    assert rules.eligibility_date({"ped": date(2027, 3, 1), "hdced": date(2027, 4, 1)}) == (
        rules.ShownDate(date(2027, 3, 1), "parole eligibility date")
    )
    assert rules.eligibility_date({"ped": None, "hdced": None}) is None


@pytest.mark.parametrize(
    ("value", "valid"),
    [("X123456", True), ("x123456", False), ("X12345", False), ("12345678", False)],
)
def test_crn_format(value: str, valid: bool) -> None:
    assert rules.is_valid_crn(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [("A1234BC", True), ("A1234B", False), ("AB234BC", False), ("A12345C", False)],
)
def test_prison_number_format(value: str, valid: bool) -> None:
    assert rules.is_valid_prison_number(value) is valid


@pytest.mark.parametrize(
    ("typed", "normalised", "valid"),
    [
        ("2012/0052494X", "2012/0052494X", True),
        ("2012/52494x", "2012/0052494X", True),
        (" 2012 / 52494X ", "2012/0052494X", True),
        ("12/52494X", "12/52494X", False),
        ("2012/52494", "2012/52494", False),
        ("2012/123456789X", "2012/123456789X", False),
    ],
)
def test_pnc_is_normalised_then_checked(typed: str, normalised: str, valid: bool) -> None:
    assert rules.normalise_pnc(typed) == normalised
    assert rules.is_valid_pnc(rules.normalise_pnc(typed)) is valid


def test_release_before_sentence_is_refused() -> None:
    problems = rules.sentence_date_problems(
        sentence_date=date(2025, 6, 1),
        birth_date=date(1990, 1, 1),
        key_dates={"crd": date(2025, 5, 1), "sed": date(2027, 1, 1)},
        today=TODAY,
    )
    assert problems == {"crd": "Conditional release date must be on or after the date of sentence"}


def test_sentence_before_birth_and_in_the_future_are_refused() -> None:
    assert rules.sentence_date_problems(
        sentence_date=date(1989, 6, 1), birth_date=date(1990, 1, 1), key_dates={}, today=TODAY
    ) == {
        "sentence_date": "Date of sentence must be on or after their 10th birthday, 1 January 2000"
    }
    assert rules.sentence_date_problems(
        sentence_date=date(2027, 6, 1), birth_date=date(1990, 1, 1), key_dates={}, today=TODAY
    ) == {"sentence_date": "Date of sentence must be today or in the past"}


def test_release_after_sentence_expiry_is_refused() -> None:
    problems = rules.sentence_date_problems(
        sentence_date=date(2025, 6, 1),
        birth_date=date(1990, 1, 1),
        key_dates={"crd": date(2028, 5, 1), "sed": date(2027, 1, 1)},
        today=TODAY,
    )
    assert problems == {
        "crd": "Conditional release date must be on or before the sentence expiry date"
    }


def test_a_century_out_key_date_is_refused() -> None:
    problems = rules.sentence_date_problems(
        sentence_date=date(2025, 6, 1),
        birth_date=date(1990, 1, 1),
        key_dates={"sed": date(2227, 1, 1)},
        today=TODAY,
    )
    assert problems == {"sed": "Enter a date within 100 years of today"}


def test_consistent_dates_have_no_problems() -> None:
    assert (
        rules.sentence_date_problems(
            sentence_date=date(2025, 6, 1),
            birth_date=date(1990, 1, 1),
            key_dates={"crd": date(2026, 6, 1), "ped": date(2026, 1, 1), "sed": date(2027, 1, 1)},
            today=TODAY,
        )
        == {}
    )


def test_conviction_and_birth_date_problems() -> None:
    assert (
        rules.conviction_date_problem(
            conviction_date=date(1985, 1, 1), birth_date=date(1990, 1, 1), today=TODAY
        )
        == "Date of conviction must be on or after their 10th birthday, 1 January 2000"
    )
    assert (
        rules.conviction_date_problem(
            conviction_date=date(2020, 1, 1), birth_date=date(1990, 1, 1), today=TODAY
        )
        is None
    )
    assert rules.birth_date_problem(date(2027, 1, 1), TODAY) == "Date of birth must be in the past"
    assert rules.birth_date_problem(date(1900, 1, 1), TODAY) == (
        "Enter a date of birth within the last 100 years"
    )
