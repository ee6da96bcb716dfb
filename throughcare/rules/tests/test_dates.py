"""The generic date rules."""

from datetime import date

from throughcare.rules import dates

TODAY = date(2026, 11, 24)


def test_dates_more_than_a_century_out_are_implausible() -> None:
    assert dates.is_plausible(date(1927, 1, 1), TODAY)
    assert not dates.is_plausible(date(1926, 11, 23), TODAY)
    assert not dates.is_plausible(date(2127, 1, 1), TODAY)
    assert dates.is_plausible(date(2028, 2, 29), date(2028, 2, 29))


def test_days_until() -> None:
    assert dates.days_until(date(2026, 12, 1), TODAY) == 7
    assert dates.days_until(None, TODAY) is None


def test_birthdays_and_latest_birth_dates_on_29_february() -> None:
    assert dates.birthday(date(2000, 2, 29), 10) == date(2010, 3, 1)
    assert dates.birthday(date(2000, 2, 29), 4) == date(2004, 2, 29)
    assert dates.latest_birth_date(date(2028, 2, 29), 10) == date(2018, 2, 28)
    assert dates.latest_birth_date(date(2026, 11, 24), 10) == date(2016, 11, 24)


def test_long_date_has_no_leading_zero() -> None:
    assert dates.long_date(date(2026, 3, 7)) == "7 March 2026"
