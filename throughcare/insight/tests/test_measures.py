from datetime import date

from throughcare.insight.measures import (
    Released,
    add_months,
    add_years,
    age_band,
    outcomes,
    rate,
)

RELEASED = date(2025, 3, 10)


def test_nothing_after_release_is_known_on_the_day():
    known = outcomes(Released(RELEASED, slept="settled", appointment_kept="not yet"), RELEASED)
    assert known == {
        "settled_first_night": True,
        "appointment_kept": None,
        "in_work_at_six_weeks": None,
        "recalled_28_days": None,
        "recalled_year": None,
        "reoffended_year": None,
        "reoffended_two_years": None,
    }


def test_a_recall_on_day_27_counts_within_28_days_and_a_year_once_each_has_passed():
    recalled = Released(RELEASED, recalled_on=date(2025, 4, 6))
    assert outcomes(recalled, date(2025, 4, 6))["recalled_28_days"] is None
    assert outcomes(recalled, date(2025, 4, 7))["recalled_28_days"] is True
    assert outcomes(recalled, date(2025, 4, 7))["recalled_year"] is None
    assert outcomes(recalled, date(2026, 3, 10))["recalled_year"] is True


def test_no_recall_is_known_only_once_the_period_has_passed():
    quiet = Released(RELEASED)
    assert outcomes(quiet, date(2025, 4, 6))["recalled_28_days"] is None
    assert outcomes(quiet, date(2025, 4, 7))["recalled_28_days"] is False
    assert outcomes(quiet, date(2026, 3, 9))["recalled_year"] is None
    assert outcomes(quiet, date(2026, 3, 10))["recalled_year"] is False


def test_a_recall_after_28_days_counts_for_the_year_only():
    later = Released(RELEASED, recalled_on=date(2025, 6, 1))
    known = outcomes(later, date(2026, 3, 10))
    assert known["recalled_28_days"] is False
    assert known["recalled_year"] is True


def test_no_proven_reoffence_waits_six_months_for_the_courts():
    quiet = Released(RELEASED)
    assert outcomes(quiet, date(2026, 9, 9))["reoffended_year"] is None
    assert outcomes(quiet, date(2026, 9, 10))["reoffended_year"] is False
    assert outcomes(quiet, date(2027, 9, 9))["reoffended_two_years"] is None
    assert outcomes(quiet, date(2027, 9, 9))["reoffended_year"] is False
    assert outcomes(quiet, date(2027, 9, 10))["reoffended_two_years"] is False


def test_an_offence_in_the_second_year_counts_for_two_years_only():
    second = Released(RELEASED, reoffence_on=date(2026, 5, 1))
    assert outcomes(second, date(2026, 5, 2))["reoffended_year"] is None  # courts' six months
    assert outcomes(second, date(2026, 9, 10))["reoffended_year"] is False
    assert outcomes(second, date(2027, 9, 9))["reoffended_two_years"] is None
    assert outcomes(second, date(2027, 9, 10))["reoffended_two_years"] is True


def test_work_at_six_weeks_is_read_only_after_six_weeks():
    working = Released(RELEASED, in_work_at_six_weeks="yes")
    assert outcomes(working, date(2025, 4, 20))["in_work_at_six_weeks"] is None
    assert outcomes(working, date(2025, 4, 21))["in_work_at_six_weeks"] is True
    unknown = Released(RELEASED, in_work_at_six_weeks="not known")
    assert outcomes(unknown, date(2025, 6, 1))["in_work_at_six_weeks"] is None


def test_where_they_slept_not_known_is_not_counted():
    assert outcomes(Released(RELEASED, slept="not known"), RELEASED)["settled_first_night"] is None
    assert (
        outcomes(Released(RELEASED, slept="rough sleeping"), RELEASED)["settled_first_night"]
        is False
    )


def test_a_rate_counts_only_known_outcomes_and_marks_small_groups():
    small = rate([True, False, None, True])
    assert (small.known, small.count, small.share, small.too_small) == (3, 2, 2 / 3, True)
    large = rate([True] * 12 + [False] * 18 + [None] * 5)
    assert (large.known, large.count, large.share, large.too_small) == (30, 12, 0.4, False)
    assert rate([None]).share is None


def test_dates_a_year_or_months_on_keep_to_real_days():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 3, 10), 18) == date(2026, 9, 10)


def test_age_bands_by_age_on_the_day():
    born = date(2000, 6, 15)
    assert age_band(born, date(2021, 6, 14)) == "18 to 20"
    assert age_band(born, date(2021, 6, 15)) == "21 to 24"
    assert age_band(date(1970, 1, 1), date(2025, 1, 1)) == "50 and over"
