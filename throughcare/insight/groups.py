"""The released people broken down by a characteristic, with small groups suppressed (issue 16
points 3 to 5): plain Python, no Django, over the `cohort.Member` list, so that the pages and
the exports hide exactly the same figures.

The rule (the issue's contract):
- a group of fewer than `measures.SMALL_GROUP` (30) people is too small to judge: it shows no
  count and no rate, only "Fewer than 30";
- where exactly one group of a breakdown is hidden, the next smallest shown group is hidden too,
  so that the hidden group's figures cannot be worked out by taking the others from the total.
The same rule applies to each column of figures whose base is smaller than the group (the
people whose outcome is known, for a rate): `hidden_columns`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import measures

if TYPE_CHECKING:
    from .cohort import Member

TOO_SMALL = f"Fewer than {measures.SMALL_GROUP}"
# A group of 30 or more hidden only so that a smaller group's figures cannot be worked out.
PROTECTED = "Not shown (protects a smaller group)"
NOT_RECORDED = "Not recorded"
EVERYONE = "Everyone"


def hidden(sizes: Mapping[str, int], *, at_least: int = measures.SMALL_GROUP) -> set[str]:
    """Which of the groups (label: number of people) a breakdown hides: every one under
    `at_least`, and, when that is exactly one, the smallest of the others as well (on equal
    sizes, the first label in alphabetical order)."""
    small = {label for label, size in sizes.items() if size < at_least}
    if len(small) == 1:
        others = sorted((size, label) for label, size in sizes.items() if label not in small)
        if others:
            small.add(others[0][1])
    return small


@dataclass(frozen=True)
class Group:
    """One group of a breakdown: its label, its people and whether it is shown. `too_small`
    when it has fewer than 30 people; `hidden` when it is too small or hidden to protect a
    smaller one (`note` says which)."""

    label: str
    members: tuple[Member, ...]
    hidden: bool

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def too_small(self) -> bool:
        return self.size < measures.SMALL_GROUP

    @property
    def note(self) -> str:
        if not self.hidden:
            return ""
        return TOO_SMALL if self.too_small else PROTECTED


def _order(label: str, key: str) -> tuple[int, int, str]:
    """Age bands in age order, other groups alphabetically; "Not recorded" and "Prefer not to
    say" last. Never by size, which would hint at the size of a hidden group."""
    if label == NOT_RECORDED:
        return (2, 0, label)
    if label.startswith("Prefer not"):
        return (1, 0, label)
    if key == "age_band":
        bands = [band for _, band in measures.AGE_BANDS] + [measures.OLDEST_BAND]
        if label in bands:
            return (0, bands.index(label), label)
    return (0, 0, label)


def breakdown(members: Iterable[Member], key: str) -> list[Group]:
    """The members by the characteristic `key` (a key of `cohort.CHARACTERISTICS`), each group
    marked hidden or not."""
    by_label: dict[str, list[Member]] = {}
    for member in members:
        by_label.setdefault(member.characteristics[key], []).append(member)
    suppressed = hidden({label: len(people) for label, people in by_label.items()})
    return [
        Group(label, tuple(by_label[label]), label in suppressed)
        for label in sorted(by_label, key=lambda label: _order(label, key))
    ]


def everyone(members: Sequence[Member]) -> Group:
    """Everyone as one group: hidden when there are fewer than 30 of them."""
    return Group(EVERYONE, tuple(members), len(members) < measures.SMALL_GROUP)


def hidden_columns(groups: Sequence[Group], bases: Sequence[int]) -> set[str]:
    """For one column of figures whose base (`bases`, one for each group, in order) may be
    smaller than the group, which groups' figures the column hides: those of hidden groups,
    those whose base is under 30, and, when that leaves exactly one hidden, the smallest other
    base too."""
    sizes = {group.label: base for group, base in zip(groups, bases, strict=True)}
    suppressed = {group.label for group in groups if group.hidden}
    suppressed |= {label for label, base in sizes.items() if base < measures.SMALL_GROUP}
    if len(suppressed) == 1:
        shown = sorted((base, label) for label, base in sizes.items() if label not in suppressed)
        if shown:
            suppressed.add(shown[0][1])
    return suppressed


def rates(
    groups: Sequence[Group], value: Callable[[Member], bool | None]
) -> dict[str, measures.Rate | None]:
    """Each group's rate of `value` among the members for whom it is known; None where the
    column hides it (`hidden_columns` on the numbers known)."""
    found = {
        group.label: measures.rate([value(member) for member in group.members]) for group in groups
    }
    suppressed = hidden_columns(groups, [found[group.label].known for group in groups])
    return {label: None if label in suppressed else rate for label, rate in found.items()}


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
