from datetime import time, timedelta

import pytest

from throughcare.rules.times import in_words, parse_time


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)),
        ("2:30pm", time(14, 30)),
        ("2pm", time(14, 0)),
        ("9.15 am", time(9, 15)),
        ("12am", time(0, 0)),
        ("12:05pm", time(12, 5)),
        ("midday", time(12, 0)),
        ("Midnight", time(0, 0)),
        ("0:00", time(0, 0)),
    ],
)
def test_times_as_practitioners_type_them(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "14", "25:00", "13pm", "9:75", "teatime", "１４:３０", "0am"]
)
def test_what_is_not_a_time(typed: str) -> None:
    assert parse_time(typed) is None


def test_lengths_of_time_in_words() -> None:
    assert in_words(timedelta(seconds=20)) == "less than a minute"
    assert in_words(timedelta(minutes=1)) == "1 minute"
    assert in_words(timedelta(hours=2, minutes=5)) == "2 hours 5 minutes"
    assert in_words(timedelta(hours=1)) == "1 hour"
    assert in_words(timedelta(days=3, hours=2, minutes=9)) == "3 days 2 hours"
