"""What changed between two versions of a document, field by field. Pure Python, no Django.

A version's answers are `Row`s (what a page shows of each: its section, field, question and
answer in words); `changes` compares two lists of them by (section, field), so a field added
or removed between the versions shows too, beside the fields whose answer changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Row:
    """One answer as a page shows it."""

    section: str
    field: str
    label: str
    shown: str


class RowLike(Protocol):
    @property
    def section(self) -> str: ...

    @property
    def field(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def shown(self) -> str: ...


@dataclass(frozen=True)
class Change:
    """One field whose answer differs: before is "" where the field was added, after is ""
    where it was removed."""

    section: str
    field: str
    label: str
    before: str
    after: str

    @property
    def added(self) -> bool:
        return self.before == "" and self.after != ""

    @property
    def removed(self) -> bool:
        return self.after == "" and self.before != ""


def changes(before: Sequence[RowLike], after: Sequence[RowLike]) -> list[Change]:
    """Every field whose answer differs, in the order of `after`; a field only in `before`
    (removed) comes after the field that preceded it there."""
    old = {(r.section, r.field): r for r in before}
    new = {(r.section, r.field): r for r in after}
    order = [(r.section, r.field) for r in after]
    for index, row in enumerate(before):
        key = (row.section, row.field)
        if key in new:
            continue
        # Place a removed field after the nearest preceding field that is still listed.
        place = 0
        for earlier in reversed(before[:index]):
            earlier_key = (earlier.section, earlier.field)
            if earlier_key in order:
                place = order.index(earlier_key) + 1
                break
        order.insert(place, key)
    found = []
    for key in order:
        was, now = old.get(key), new.get(key)
        before_text = was.shown if was else ""
        after_text = now.shown if now else ""
        if was is not None and now is not None and before_text == after_text:
            continue
        label = now.label if now is not None else was.label if was is not None else ""
        found.append(Change(key[0], key[1], label, before_text, after_text))
    return found
