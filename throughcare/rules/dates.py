"""Plain rules about dates that are not particular to one kind of record: whether a typed date
is plausible, a date in words, birthdays and ages, days until a date.

No Django here: these take values (today's date among them) and return values.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# Dates further than this from today are taken to be typing mistakes.
PLAUSIBLE_YEARS = 100
LONDON = ZoneInfo("Europe/London")


def days_until(target: date | None, today: date) -> int | None:
    return (target - today).days if target else None


def is_plausible(value: date, today: date) -> bool:
    """False for dates more than a century before or after today: almost always a typing slip."""
    try:
        earliest = today.replace(year=today.year - PLAUSIBLE_YEARS)
        latest = today.replace(year=today.year + PLAUSIBLE_YEARS)
    except ValueError:  # 29 February
        earliest = date(today.year - PLAUSIBLE_YEARS, 3, 1)
        latest = date(today.year + PLAUSIBLE_YEARS, 2, 28)
    return earliest <= value <= latest


def long_date(value: date) -> str:
    """27 March 2026."""
    return f"{value.day} {value:%B %Y}"


def birthday(birth_date: date, years: int) -> date:
    """The day a person born on `birth_date` turns `years` old (1 March for 29 February)."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return date(birth_date.year + years, 3, 1)


def latest_birth_date(on: date, years: int) -> date:
    """The latest date of birth of someone at least `years` old on the day `on`."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return date(on.year - years, 2, 28)


def same_day_in_london(written_at: datetime, now: datetime) -> bool:
    """True while `now` is still the day (in the UK) on which `written_at` was written: the
    day an entry may be changed in place; after it, a change is an amendment (P15)."""
    return written_at.astimezone(LONDON).date() == now.astimezone(LONDON).date()
