"""Times of day as people type them, and lengths of time in words.

GOV.UK asks for a time in one box ("For example, 9:30am or 14:30"); `parse_time` reads what
practitioners write: "14:30", "2:30pm", "2pm", "9.15 am", "midday", "midnight". `in_words`
says how long something took ("2 hours 5 minutes"); `when` says a moment in UK time ("24
November 2026 at 10:30am"). No Django here.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_WORDS = {"midday": time(12, 0), "noon": time(12, 0), "midnight": time(0, 0)}


def parse_time(text: str) -> time | None:
    """The time of day `text` names, or None if it names none."""
    typed = text.strip().lower()
    if typed in _WORDS:
        return _WORDS[typed]
    match = _TIME.match(typed) if typed.isascii() else None
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match.group(2) is None:
        return None  # "14" alone is not clearly a time
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def london(day: object, moment: time) -> datetime:
    """A date and a time of day in UK time, as an aware datetime."""
    return datetime.combine(day, moment, tzinfo=LONDON)  # type: ignore[arg-type]


def in_words(length: timedelta) -> str:
    """A length of time as a page says it: "3 days 2 hours", "2 hours 5 minutes",
    "4 minutes", "less than a minute"."""
    minutes = int(length.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    return " ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n)


def when(moment: datetime | None) -> str:
    """'24 November 2026 at 10:30am', in UK time ("" for no moment)."""
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    hour = local.hour % 12 or 12
    return (
        f"{local.day} {local:%B %Y} at {hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    )
