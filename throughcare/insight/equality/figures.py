"""Equality monitoring (issue 16 point 3): for each characteristic (`cohort.CHARACTERISTICS`),
each group's number of people, each outcome's rate among those whose outcome is known
(`measures.MEASURES`), the share at each risk of serious harm level, and the share whose judged
likelihood of reoffending departs from the OGRS3 band. Small groups are suppressed as
`insight.groups` says; the page and the CSV show the same `Table`s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from throughcare.insight import groups, measures
from throughcare.insight.cohort import CHARACTERISTICS, Member

FEW_KNOWN = f"Fewer than {measures.SMALL_GROUP} known"

# The stored risk of serious harm levels (`assessment.rules.rosh.Level.key`) and their words.
ROSH_LEVELS: tuple[tuple[str, str], ...] = (
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("very high", "Very high"),
    ("", "Not assessed"),
)
DEPARTS = "Judged likelihood departs from the OGRS3 band"


@dataclass(frozen=True)
class Cell:
    """One figure: a share `out_of` so many people, or a `note` where it is not shown. For the
    number of people, only `out_of`."""

    share: float | None = None
    out_of: int | None = None
    note: str = ""

    @property
    def text(self) -> str:
        if self.note:
            return self.note
        if self.share is None:
            return f"{self.out_of:,}" if self.out_of is not None else "–"
        return f"{100 * self.share:.0f}% of {self.out_of:,}"


@dataclass(frozen=True)
class Row:
    group: str
    people: Cell
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    characteristic: str  # e.g. "Sex"
    part: str  # "Outcomes" or "Risk"
    caption: str
    columns: tuple[str, ...]  # the figures' headings, after "Group" and "People"
    rows: tuple[Row, ...]

    @property
    def slug(self) -> str:
        return f"{self.characteristic}-{self.part}".lower().replace(" ", "-")


def _people(group: groups.Group) -> Cell:
    return Cell(note=group.note) if group.hidden else Cell(out_of=group.size)


def _rate_cells(
    breakdown: Sequence[groups.Group], value: Callable[[Member], bool | None]
) -> list[Cell]:
    """One column: each group's rate of `value` among those for whom it is known."""
    found = groups.rates(breakdown, value)
    cells = []
    for group in breakdown:
        rate = found[group.label]
        if group.hidden:
            cells.append(Cell(note=group.note))
        elif rate is None:
            known = measures.rate([value(member) for member in group.members]).known
            cells.append(Cell(note=FEW_KNOWN if known < measures.SMALL_GROUP else groups.PROTECTED))
        else:
            cells.append(Cell(share=rate.share, out_of=rate.known))
    return cells


def _everyone_rate(members: Sequence[Member], value: Callable[[Member], bool | None]) -> Cell:
    rate = measures.rate([value(member) for member in members])
    if len(members) < measures.SMALL_GROUP:
        return Cell(note=groups.TOO_SMALL)
    if rate.too_small:
        return Cell(note=FEW_KNOWN)
    return Cell(share=rate.share, out_of=rate.known)


def _level_cells(breakdown: Sequence[groups.Group], level: str) -> list[Cell]:
    return [
        Cell(note=group.note)
        if group.hidden
        else Cell(
            share=sum(1 for m in group.members if m.rosh_level == level) / group.size,
            out_of=group.size,
        )
        for group in breakdown
    ]


def _departs(member: Member) -> bool | None:
    """Whether the judgement departs from the band, for those with both; None otherwise."""
    if not member.ogrs3_band or not member.judged_likelihood:
        return None
    return member.departs


def _outcome(key: str) -> Callable[[Member], bool | None]:
    return lambda member: member.outcomes.get(key)


def _columns_to_rows(
    everyone: groups.Group, breakdown: Sequence[groups.Group], columns: Sequence[list[Cell]]
) -> tuple[Row, ...]:
    rows = [Row(groups.EVERYONE, _people(everyone), tuple(column[0] for column in columns))]
    for i, group in enumerate(breakdown, start=1):
        rows.append(Row(group.label, _people(group), tuple(column[i] for column in columns)))
    return tuple(rows)


def tables(members: Sequence[Member]) -> list[Table]:
    """Two tables for each characteristic: outcomes, and risk."""
    everyone = groups.everyone(members)
    found = []
    for key, heading in CHARACTERISTICS:
        breakdown = groups.breakdown(members, key)
        outcome_columns = [
            [_everyone_rate(members, _outcome(m.key)), *_rate_cells(breakdown, _outcome(m.key))]
            for m in measures.MEASURES
        ]
        found.append(
            Table(
                heading,
                "Outcomes",
                f"Outcomes by {heading.lower()}: the share of those whose outcome is known",
                tuple(m.label for m in measures.MEASURES),
                _columns_to_rows(everyone, breakdown, outcome_columns),
            )
        )
        level_columns = []
        for level, _ in ROSH_LEVELS:
            whole = (
                Cell(note=groups.TOO_SMALL)
                if everyone.hidden
                else Cell(
                    share=sum(1 for m in members if m.rosh_level == level) / len(members),
                    out_of=len(members),
                )
            )
            level_columns.append([whole, *_level_cells(breakdown, level)])
        level_columns.append([_everyone_rate(members, _departs), *_rate_cells(breakdown, _departs)])
        found.append(
            Table(
                heading,
                "Risk",
                f"Risk of serious harm and judgement by {heading.lower()}: the share at each "
                "level, and the share of those with both an OGRS3 band and a judgement whose "
                "judgement departs from the band",
                tuple(f"Risk of serious harm: {words}" for _, words in ROSH_LEVELS) + (DEPARTS,),
                _columns_to_rows(everyone, breakdown, level_columns),
            )
        )
    return found


CSV_HEAD = ["Breakdown", "Group", "Figure", "Share", "Out of", "Note"]


def _number(value: float | None, places: int = 4) -> str:
    return "" if value is None else f"{value:.{places}f}"


def csv_rows(found: Sequence[Table]) -> Iterator[list[str]]:
    """The tables as one long table: a row for each group's number of people and for each of
    its figures; a suppressed figure has no share and no number, only its note."""
    yield CSV_HEAD
    for table in found:
        for row in table.rows:
            if table.part == "Outcomes":
                yield [
                    table.characteristic,
                    row.group,
                    "People",
                    "",
                    "" if row.people.out_of is None else str(row.people.out_of),
                    row.people.note,
                ]
            for heading, cell in zip(table.columns, row.cells, strict=True):
                yield [
                    table.characteristic,
                    row.group,
                    heading,
                    _number(cell.share),
                    "" if cell.out_of is None else str(cell.out_of),
                    cell.note,
                ]
