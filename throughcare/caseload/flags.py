"""Flags on the caseload: a tag beside a person's name for something that needs acting on
(an open urgent concern, an overdue information request).

Each app that has such a thing declares a `Flag` in its `AppConfig.ready()` with
`register(Flag(...))`, as it declares its sections of the record, so that the caseload shows
it without this app knowing the app. A flag answers for a whole page of people at once (one
query, however many people), so the caseload's query count stays constant.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Flag:
    """- key: its name;
    - label: the tag's text ("Urgent concern");
    - colour: the GOV.UK tag modifier ("red", "orange"...);
    - position: its place among the tags, lowest first;
    - flagged: given the ids of the people on the page, the ids of those it flags."""

    key: str
    label: str
    colour: str
    position: int
    flagged: Callable[[Collection[Any]], Iterable[Any]]


_registry: dict[str, Flag] = {}


def register(flag: Flag) -> Flag:
    _registry[flag.key] = flag
    return flag


def flags() -> list[Flag]:
    return sorted(_registry.values(), key=lambda flag: (flag.position, flag.key))


def flags_for(person_ids: Collection[Any]) -> dict[Any, list[Flag]]:
    """Each person's flags, for a page of people (nothing is asked for an empty page)."""
    shown: dict[Any, list[Flag]] = {}
    if not person_ids:
        return shown
    for flag in flags():
        # A set: a person with two open barriers has one "Open barrier" tag.
        for person_id in set(flag.flagged(person_ids)):
            shown.setdefault(person_id, []).append(flag)
    return shown
