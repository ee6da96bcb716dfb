"""The components' dates, as MoJ Frontend's mojDate filter shows them, written without Django's
date formatter for speed: the same text as Django's "j F Y" and "j M Y" for every day of two
centuries, and a datetime's time as before."""

from datetime import date, datetime, timedelta

from django.utils.dateformat import format as format_date

from throughcare.rules.times import LONDON
from throughcare.ui.components import moj_date


def test_a_day_reads_as_djangos_date_format_gives_it() -> None:
    day = date(1900, 1, 1)
    while day < date(2100, 1, 1):
        assert moj_date(day, "date") == format_date(day, "j F Y")
        assert moj_date(day, "shortdate") == format_date(day, "j M Y")
        day += timedelta(days=1)


def test_a_datetime_reads_with_its_day_and_time() -> None:
    at = datetime(2026, 9, 3, 14, 1, tzinfo=LONDON)  # shown in the service's time zone
    assert moj_date(at) == "3 September 2026 at 2:01pm"
    assert moj_date(at, "shortdatetime") == "3 Sep 2026 at 2:01pm"
    assert moj_date(at.replace(minute=0), "time") == "2pm"
