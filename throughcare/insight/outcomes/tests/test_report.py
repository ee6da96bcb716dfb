"""The outcome figures worked out by hand: on synthetic members (`insight.cohort.Member`), the
window of each measure, the months' rates, the months too few to judge, the quarter compared
with the last, and the CSV's suppression of small months."""

from __future__ import annotations

import uuid
from datetime import date

from throughcare.insight import measures
from throughcare.insight.cohort import Member
from throughcare.insight.outcomes import report

TODAY = date(2026, 11, 24)


def _member(released_on: date, **outcomes: bool | None) -> Member:
    values: dict[str, bool | None] = dict.fromkeys(measures.MEASURE_KEYS)
    values.update(outcomes)
    return Member(
        person_id=uuid.uuid4(),
        released_on=released_on,
        month=measures.month_of(released_on),
        sex="Male",
        ethnicity="Not recorded",
        age_band="30 to 34",
        disability="Not recorded",
        religion="Not recorded",
        outcomes=values,
    )


def test_each_measure_covers_the_latest_twelve_months_it_can_be_known() -> None:
    found = {r.measure.key: r for r in report.report([], TODAY)}
    first_last = {k: (r.months[0].month, r.months[-1].month) for k, r in found.items()}
    assert first_last["settled_first_night"] == (date(2025, 12, 1), date(2026, 11, 1))
    assert first_last["in_work_at_six_weeks"] == (date(2025, 11, 1), date(2026, 10, 1))
    assert first_last["recalled_28_days"] == (date(2025, 11, 1), date(2026, 10, 1))
    assert first_last["recalled_year"] == (date(2024, 12, 1), date(2025, 11, 1))
    assert first_last["reoffended_year"] == (date(2024, 6, 1), date(2025, 5, 1))
    assert first_last["reoffended_two_years"] == (date(2023, 6, 1), date(2024, 5, 1))
    assert all(len(r.months) == 12 for r in found.values())


def test_month_rates_and_the_quarter_against_the_last() -> None:
    members = (
        # October 2026: 40 known, 18 settled; November: 2 known, both settled.
        [_member(date(2026, 10, 3), settled_first_night=n < 18) for n in range(40)]
        + [_member(date(2026, 11, 2), settled_first_night=True) for _ in range(2)]
        # July to September 2026: 36 known, 9 settled, and 4 not known.
        + [_member(date(2026, 7 + n % 3, 10), settled_first_night=n < 9) for n in range(36)]
        + [_member(date(2026, 8, 1), settled_first_night=None) for _ in range(4)]
        # Outside the window: not counted.
        + [_member(date(2025, 11, 30), settled_first_night=True)]
    )
    found = report.measure_report("settled_first_night", members, TODAY)
    rows = {row.month: row for row in found.months}
    october = rows[date(2026, 10, 1)]
    assert (october.released, october.rate.known, october.rate.count) == (40, 40, 18)
    assert october.share_text == "45%" and not october.rate.too_small
    assert rows[date(2026, 11, 1)].share_text == "100% (too few to judge)"
    august = rows[date(2026, 8, 1)]
    assert (august.released, august.rate.known, august.rate.count) == (16, 12, 3)
    assert rows[date(2026, 1, 1)].share_text == "None known"
    assert found.released == 82 and found.known == 78
    # This quarter (October and November so far): 20 of 42; last quarter: 9 of 36.
    assert found.comparison.this.known == 42 and found.comparison.this.count == 20
    assert found.comparison.last.known == 36 and found.comparison.last.count == 9
    assert found.sentence() == (
        "This quarter (October to November 2026): 48% of 42 people whose outcome is known. "
        "Last quarter (July to September 2026): 25% of 36. That is 23 percentage points higher "
        "than last quarter; a difference between two quarters can be chance."
    )
    chart = found.chart()
    assert chart.reference == 0.4 and "National: 40%" in str(chart.svg)
    assert chart.rows[10] == ("October 2026", "40", "40", "18", "45%")
    notes = " ".join(found.notes())
    assert "Of the 82 people released from December 2025 to November 2026" in notes
    assert "the outcome is known for 78" in notes


def test_only_those_whose_whole_follow_up_has_passed_are_known() -> None:
    # A new offence within a year is known 18 months on: by 24 May 2025's releases.
    members = [
        _member(date(2025, 5, 20), reoffended_year=True),
        _member(date(2025, 5, 28), reoffended_year=True),  # happened, but others may yet
    ]
    found = report.measure_report("reoffended_year", members, TODAY)
    may = found.months[-1]
    assert may.month == date(2025, 5, 1)
    assert (may.released, may.rate.known, may.rate.count) == (2, 1, 1)


def test_too_few_to_compare_and_what_is_not_known_yet() -> None:
    members = [_member(date(2025, 4, 10), reoffended_year=True) for _ in range(3)]
    found = report.measure_report("reoffended_year", members, TODAY)
    assert found.sentence().startswith("Too few to compare this quarter with the last")
    assert "3 people released in April to May 2025" in found.sentence()
    notes = " ".join(found.notes())
    assert "18 months after release" in notes
    assert "people released after 24 May 2025 are not known yet" in notes
    assert "no published national figure" in notes


def test_the_csv_hides_the_figures_of_small_months() -> None:
    members = [_member(date(2026, 10, 3), settled_first_night=n < 12) for n in range(31)] + [
        _member(date(2026, 9, 3), settled_first_night=True)
    ]
    rows = report.csv_rows(report.report(members, TODAY))
    assert rows[0] == list(report.CSV_COLUMNS)
    assert len(rows) == 1 + 12 * len(measures.MEASURES)
    settled = {row[1]: row for row in rows if row[0] == measures.MEASURES[0].label}
    assert settled["2026-10"][2:] == ["31", "31", "12", "38.7%"]
    assert settled["2026-09"][2:] == ["Fewer than 30"] * 4
