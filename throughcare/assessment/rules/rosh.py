"""Risk of serious harm levels (risk.md): one level for each group at risk, in the community
and in custody; prisoners are rated in custody only. The overall level is the highest rated."""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Level(enum.IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    VERY_HIGH = 4

    @property
    def key(self) -> str:
        """The stored word: "low", "medium", "high", "very high"."""
        return self.name.lower().replace("_", " ")

    @property
    def label(self) -> str:
        """As a page shows it: "Low", "Medium", "High", "Very high"."""
        return self.key.capitalize()

    @classmethod
    def from_key(cls, key: str) -> Level:
        for level in cls:
            if level.key == key:
                return level
        raise ValueError(f"{key!r} is not a risk of serious harm level")


GROUPS = ("children", "public", "known adult", "staff", "prisoners")
SETTINGS = ("community", "custody")
CELLS: tuple[tuple[str, str], ...] = tuple(
    (group, setting)
    for setting in SETTINGS
    for group in GROUPS
    if not (group == "prisoners" and setting == "community")
)

Levels = Mapping[tuple[str, str], Level | None]


def _check(levels: Levels) -> None:
    unknown = [cell for cell in levels if cell not in CELLS]
    if unknown:
        raise ValueError(f"not rated: {unknown!r} (prisoners are rated in custody only)")


def overall(levels: Levels) -> Level | None:
    """The highest level rated in any cell; None when none is rated."""
    _check(levels)
    rated = [level for level in levels.values() if level is not None]
    return max(rated) if rated else None


def overall_in(levels: Levels, setting: str) -> Level | None:
    """The highest level rated in one setting ("community" or "custody")."""
    if setting not in SETTINGS:
        raise ValueError(f"{setting!r} is not a setting: {SETTINGS!r}")
    _check(levels)
    rated = [level for (_, where), level in levels.items() if where == setting and level]
    return max(rated) if rated else None
