"""The team's outcomes month by month (issue 16 point 2), worked out from the released people
of the user's team figures (`insight.cohort.members`), by the month they were released.

Each measure is shown over the latest twelve months of release for which it can be known: the
night of release is known at once, work six weeks on, a recall within 28 days after 28 days,
a recall within a year after a year, and a new proven offence within one or two years six
months after that (`insight.measures`). A month with fewer than `SMALL_GROUP` people whose
outcome is known is "too few to judge": tabled, drawn hollow, never compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from throughcare.insight import charts, measures
from throughcare.insight.cohort import Member

MONTHS = 12
TOO_FEW = "too few to judge"

# How long after release each outcome can be known, in words, and the latest release it is
# known for today.
KNOWN_AFTER: dict[str, str] = {
    "settled_first_night": "when the release is recorded",
    "appointment_kept": "when the release is recorded",
    "in_work_at_six_weeks": "six weeks after release",
    "recalled_28_days": "28 days after release",
    "recalled_year": "a year after release",
    "reoffended_year": "18 months after release (a year, and six months for the courts to "
    "prove an offence)",
    "reoffended_two_years": "30 months after release (two years, and six months for the "
    "courts to prove an offence)",
}


# Who each measure counts, in words for the chart's description.
WHO: dict[str, str] = {
    "settled_first_night": "people who slept in settled accommodation on the night of release",
    "appointment_kept": "people who kept the first appointment",
    "in_work_at_six_weeks": "people in work or training six weeks after release",
    "recalled_28_days": "people recalled within 28 days",
    "recalled_year": "people recalled within a year",
    "reoffended_year": "people with a new proven offence within a year",
    "reoffended_two_years": "people with a new proven offence within two years",
}


def latest_known(key: str, today: date) -> date:
    """The latest day of release whose outcome on this measure can be known today."""
    waits = {
        "in_work_at_six_weeks": today - timedelta(weeks=6),
        "recalled_28_days": today - timedelta(days=28),
        "recalled_year": measures.add_years(today, -1),
        "reoffended_year": measures.add_months(today, -12 - measures.WAITING_MONTHS),
        "reoffended_two_years": measures.add_months(today, -24 - measures.WAITING_MONTHS),
    }
    return waits.get(key, today)


def month_label(month: date) -> str:
    return f"{month:%B %Y}"


@dataclass(frozen=True)
class MonthRow:
    month: date
    released: int
    rate: measures.Rate

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def share_text(self) -> str:
        if self.rate.share is None:
            return "None known"
        text = charts.percent(self.rate.share)
        return f"{text} ({TOO_FEW})" if self.rate.too_small else text


@dataclass(frozen=True)
class Comparison:
    this_months: tuple[date, ...]
    last_months: tuple[date, ...]
    this: measures.Rate
    last: measures.Rate


@dataclass(frozen=True)
class MeasureReport:
    measure: measures.Measure
    months: tuple[MonthRow, ...]
    comparison: Comparison
    latest: date

    @property
    def known(self) -> int:
        return sum(row.rate.known for row in self.months)

    @property
    def released(self) -> int:
        return sum(row.released for row in self.months)

    @property
    def overall(self) -> measures.Rate:
        return measures.Rate(known=self.known, count=sum(row.rate.count for row in self.months))

    def chart(self) -> charts.ShareChart:
        points = tuple(
            charts.Point(row.label, f"{row.month:%b}", row.rate.share, row.rate.too_small)
            for row in self.months
        )
        label = self.measure.label
        what = f"the share of {WHO[self.measure.key]}"
        return charts.ShareChart(
            key=f"chart-{self.measure.key}",
            title=f"{label}, by month of release",
            description=charts.describe(what, points, self.measure.national),
            points=points,
            reference=self.measure.national,
            reference_label=(
                f"National: {charts.percent(self.measure.national)}"
                if self.measure.national is not None
                else ""
            ),
            columns=("Month of release", "Released", "Outcome known", "With the outcome", "Share"),
            rows=tuple(
                (row.label, str(row.released), str(row.rate.known), str(row.rate.count))
                + (row.share_text,)
                for row in self.months
            ),
            caption=f"{label}: by month of release",
        )

    def sentence(self) -> str:
        """This quarter against last quarter, in words."""
        this, last = self.comparison.this, self.comparison.last
        this_words = _months_words(self.comparison.this_months)
        last_words = _months_words(self.comparison.last_months)
        if this.too_small or last.too_small:
            return (
                f"Too few to compare this quarter with the last: the outcome is known for "
                f"{this.known} {_people(this.known)} released in {this_words} and {last.known} "
                f"in {last_words}, and each needs at least {measures.SMALL_GROUP}."
            )
        difference = round((this.share or 0) * 100) - round((last.share or 0) * 100)
        direction = (
            "the same as last quarter"
            if difference == 0
            else f"{abs(difference)} percentage points {'higher' if difference > 0 else 'lower'} "
            "than last quarter; a difference between two quarters can be chance"
        )
        return (
            f"This quarter ({this_words}): {charts.percent(this.share)} of {this.known} people "
            f"whose outcome is known. Last quarter ({last_words}): "
            f"{charts.percent(last.share)} of {last.known}. That is {direction}."
        )

    def notes(self) -> list[str]:
        notes = [f"Known {KNOWN_AFTER[self.measure.key]}."]
        notes.append(
            f"Of the {self.released} {_people(self.released)} released from "
            f"{month_label(self.months[0].month)} to {month_label(self.months[-1].month)}, the "
            f"outcome is known for {self.known}."
        )
        if self.measure.key in ("recalled_28_days", "recalled_year"):
            notes.append(
                "A recall not recorded on the person's release page counts as no recall: keep "
                "recalls up to date."
            )
        if self.measure.key.startswith("reoffended"):
            notes.append(
                "Only a new offence proven by a court and recorded here counts; people released "
                f"after {_day_words(self.latest)} are not known yet."
            )
        if self.measure.national is not None:
            notes.append(
                f"The national figure, {charts.percent(self.measure.national)}, is from "
                f"{self.measure.national_source}."
            )
        else:
            notes.append("There is no published national figure for this outcome.")
        return notes


def _people(number: int) -> str:
    return "person" if number == 1 else "people"


def _day_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _months_words(months: Sequence[date]) -> str:
    if not months:
        return "no months"
    if len(months) == 1:
        return month_label(months[0])
    first, last = months[0], months[-1]
    if first.year == last.year:
        return f"{first:%B} to {month_label(last)}"
    return f"{month_label(first)} to {month_label(last)}"


def _months_back(end: date, count: int) -> list[date]:
    return [measures.add_months(end, -back) for back in range(count - 1, -1, -1)]


def _quarter(month: date) -> tuple[date, ...]:
    start = month.replace(month=(month.month - 1) // 3 * 3 + 1)
    return tuple(measures.add_months(start, n) for n in range(3))


def measure_report(key: str, members: Sequence[Member], today: date) -> MeasureReport:
    measure = next(m for m in measures.MEASURES if m.key == key)
    latest = latest_known(key, today)
    months = _months_back(measures.month_of(latest), MONTHS)
    by_month: dict[date, list[bool | None]] = {month: [] for month in months}

    def known(member: Member) -> bool | None:
        # An offence or a recall counts as soon as it happens (`measures.outcomes`); counted
        # only for those whose whole follow-up has passed, so the rate is not biased upwards.
        return member.outcomes[key] if member.released_on <= latest else None

    for member in members:
        if member.month in by_month:
            by_month[member.month].append(known(member))
    rows = tuple(
        MonthRow(month, len(by_month[month]), measures.rate(by_month[month])) for month in months
    )
    this_quarter = tuple(m for m in _quarter(months[-1]) if m <= months[-1])
    last_quarter = _quarter(measures.add_months(this_quarter[0], -3))

    def pooled(quarter: Sequence[date]) -> measures.Rate:
        values = [known(m) for m in members if m.month in quarter]
        return measures.rate(values)

    return MeasureReport(
        measure=measure,
        months=rows,
        comparison=Comparison(
            this_quarter, last_quarter, pooled(this_quarter), pooled(last_quarter)
        ),
        latest=latest,
    )


def report(members: Sequence[Member], today: date) -> list[MeasureReport]:
    return [measure_report(measure.key, members, today) for measure in measures.MEASURES]


CSV_COLUMNS = ("measure", "month_of_release", "released", "outcome_known", "with_outcome", "share")
SUPPRESSED = f"Fewer than {measures.SMALL_GROUP}"


def csv_rows(reports: Sequence[MeasureReport]) -> list[list[str]]:
    """The monthly table of every measure, one row a month: no person-level rows. As in every
    export, a month with fewer than `SMALL_GROUP` people shows no count or rate that could
    identify a person ("Fewer than 30")."""
    rows: list[list[str]] = [list(CSV_COLUMNS)]
    for found in reports:
        for row in found.months:
            released = str(row.released) if row.released >= measures.SMALL_GROUP else SUPPRESSED
            if row.rate.too_small:
                figures = [SUPPRESSED, SUPPRESSED, SUPPRESSED]
            else:
                figures = [
                    str(row.rate.known),
                    str(row.rate.count),
                    charts.percent(row.rate.share, 1),
                ]
            rows.append([found.measure.label, f"{row.month:%Y-%m}", released, *figures])
    return rows
