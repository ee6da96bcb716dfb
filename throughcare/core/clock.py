"""The one place Throughcare reads today's date and the current time.

Views, services, queries, commands and jobs call `today()` and `now()`; plain rules take the
date as an argument from their caller. Tests set the clock (`set_now`, or the autouse fixture in
the root `conftest.py`), so nothing depends on the day the suite runs. The setting applies to the
whole process, threads included, so a browser test's live server sees the same day as the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.utils import timezone

_fixed: datetime | None = None


def now() -> datetime:
    """The current time, timezone-aware (UTC), or the time the clock was set to."""
    return _fixed if _fixed is not None else timezone.now()


def today() -> date:
    """Today's date in the service's time zone (Europe/London)."""
    return timezone.localdate(now())


def set_now(moment: datetime | None) -> None:
    """Fix the clock at `moment` (timezone-aware), or give it back to the real time with None."""
    global _fixed
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("The clock needs a timezone-aware time.")
    _fixed = moment


def advance(by: timedelta) -> datetime:
    """Move a fixed clock on (a test's way of letting time pass)."""
    if _fixed is None:
        raise RuntimeError("Only a fixed clock can be moved on.")
    set_now(_fixed + by)
    return now()


@contextmanager
def fixed_at(moment: datetime) -> Iterator[datetime]:
    """The clock fixed at `moment` for the length of the block, then as it was."""
    before = _fixed
    set_now(moment)
    try:
        yield moment
    finally:
        set_now(before)
