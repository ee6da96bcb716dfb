"""Outcomes after release, worked out from what the record holds (issue 16 point 2): plain
Python, no Django, so the figures can be checked by hand.

An outcome is True, False, or None while it is not known yet: for everyone alike, only once
its whole follow-up has passed. A recall is recorded in this service, so whether someone was
recalled within 28 days is known once 28 days have passed. A new offence is
known to be proven only after the courts have had time: as in the Ministry of Justice's proven
reoffending measure, an offence committed within the follow-up period counts if it is proven
within a further six months, so "no proven reoffence within a year" is known 18 months after
release.

National figures (shared/domain/practice.md, from the inspectorate's and the National Audit
Office's reports): 4 in 10 people leave prison into settled accommodation, 8% into work, and
30% are recalled, 4 in 10 of them within 28 days (12% of all released).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Groups smaller than this are marked too small to judge, and never shown where they could
# identify a person (the validation report's threshold, `insight.validation`).
SMALL_GROUP = 30

# The courts' time to prove an offence committed within the follow-up period.
WAITING_MONTHS = 6


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    # The published national share, 0 to 1, where there is one.
    national: float | None = None
    national_source: str = ""


NATIONAL_SOURCE = (
    "HM Inspectorate of Probation and National Audit Office (shared/domain/practice.md)"
)

MEASURES: tuple[Measure, ...] = (
    Measure(
        "settled_first_night",
        "Slept in settled accommodation on the night of release",
        0.4,
        NATIONAL_SOURCE,
    ),
    Measure("appointment_kept", "Kept the first appointment"),
    Measure(
        "in_work_at_six_weeks", "In work or training six weeks after release", 0.08, NATIONAL_SOURCE
    ),
    Measure("recalled_28_days", "Recalled within 28 days", 0.12, NATIONAL_SOURCE),
    Measure("recalled_year", "Recalled within a year"),
    Measure("reoffended_year", "A new proven offence within a year"),
    Measure("reoffended_two_years", "A new proven offence within two years"),
)
MEASURE_KEYS = tuple(measure.key for measure in MEASURES)


@dataclass(frozen=True)
class Released:
    """What the record holds about one release and after (`planning.release` `Release` and
    `Outcome`); blank text and None for what is not recorded."""

    released_on: date
    slept: str = ""
    appointment_kept: str = ""
    in_work_at_six_weeks: str = ""
    recalled_on: date | None = None
    reoffence_on: date | None = None


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _within(
    happened: date | None, start: date, end: date, known_from: date, today: date
) -> bool | None:
    """None until `known_from` (the end of the follow-up); then True if it happened on or
    after `start` and before `end`, else False. A recall on day 5 is not counted on day 6:
    counting the people it has happened to before those it has not could happen to would
    make every recent month's rate too high."""
    if today < known_from:
        return None
    return happened is not None and start <= happened < end


def outcomes(released: Released, today: date) -> dict[str, bool | None]:
    """Each measure for this release, as known on `today`."""
    day = released.released_on
    slept = {"settled": True, "temporary": False, "rough sleeping": False}.get(released.slept)
    kept = {"yes": True, "no": False}.get(released.appointment_kept)
    six_weeks = day + timedelta(weeks=6)
    in_work = (
        {"yes": True, "no": False}.get(released.in_work_at_six_weeks)
        if today >= six_weeks
        else None
    )
    after_28 = day + timedelta(days=28)
    year, two_years = add_years(day, 1), add_years(day, 2)
    return {
        "settled_first_night": slept,
        "appointment_kept": kept,
        "in_work_at_six_weeks": in_work,
        "recalled_28_days": _within(released.recalled_on, day, after_28, after_28, today),
        "recalled_year": _within(released.recalled_on, day, year, year, today),
        "reoffended_year": _within(
            released.reoffence_on, day, year, add_months(year, WAITING_MONTHS), today
        ),
        "reoffended_two_years": _within(
            released.reoffence_on, day, two_years, add_months(two_years, WAITING_MONTHS), today
        ),
    }


@dataclass(frozen=True)
class Rate:
    """How many of those whose outcome is known had it: `known` people, `count` of them with
    it. `share` is None when nobody's outcome is known; `too_small` when fewer than
    `SMALL_GROUP` are known (reported, not judged, and not shown where it could identify)."""

    known: int
    count: int

    @property
    def share(self) -> float | None:
        return self.count / self.known if self.known else None

    @property
    def too_small(self) -> bool:
        return self.known < SMALL_GROUP


def rate(values: list[bool | None]) -> Rate:
    known = [value for value in values if value is not None]
    return Rate(known=len(known), count=sum(1 for value in known if value))


# Age bands as the Ministry of Justice's proven reoffending statistics use them.
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (18, "Under 18"),
    (21, "18 to 20"),
    (25, "21 to 24"),
    (30, "25 to 29"),
    (35, "30 to 34"),
    (40, "35 to 39"),
    (50, "40 to 49"),
)
OLDEST_BAND = "50 and over"


def age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: date, on: date) -> str:
    years = age(born, on)
    for below, label in AGE_BANDS:
        if years < below:
            return label
    return OLDEST_BAND


def month_of(day: date) -> date:
    return day.replace(day=1)
