"""The parts of a subject access export, one from each app that keeps information about a
person.

Each app registers its part from its `AppConfig.ready()`: the sections it adds to the export,
in their place (`position`), each either included or listing items withheld, with the
reason; and, for every model of the app that carries a person, the section that accounts for
its rows or why it is not part of the export. The documents app builds the export from the
parts (`throughcare.documents.queries.subject_access`); it imports none of them. A test
(`throughcare/documents/tests/test_parts.py`) finds every model that carries a person and
fails for one that no part claims, so a new table cannot be left out of the export silently.

The registry lives here, at the bottom of the layers, because the people, access and audit
apps, which sit below documents, contribute parts too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Withheld:
    """A kind of information withheld from the export, and why. The export lists each item
    withheld as `item()`, never with any of its content."""

    category: str
    reason: str

    def item(self) -> dict[str, Any]:
        return {"withheld": True, "category": self.category, "reason": self.reason}


@dataclass(frozen=True)
class Section:
    """One section of the export.

    - key: its name in the export (the JSON key);
    - position: its place, lowest first (see the positions in `docs/decisions.md`);
    - build: given the person (loaded by the access policy, with their prison and allocated
      staff), the section's content: plain values, dates and lists that JSON can hold. A
      fixed number of queries, however much is held;
    - includes: what it holds, as a line of the list on the page that offers the export
      ("their sentences and offences"); empty for a section that only withholds;
    - withheld: for a section that lists items withheld, their category and reason.
    """

    key: str
    position: int
    build: Callable[[Any], Any]
    includes: str = ""
    withheld: Withheld | None = None


@dataclass(frozen=True)
class Part:
    """One app's part of the export.

    - app: the app's label;
    - sections: the sections it adds;
    - covers: for each of its models that carries a person ("app_label.ModelName"), the key
      of the section that holds it or lists it as withheld;
    - left_out: for each of its models that carries a person and is not part of the export,
      why not.
    """

    app: str
    sections: tuple[Section, ...]
    covers: Mapping[str, str] = field(default_factory=dict)
    left_out: Mapping[str, str] = field(default_factory=dict)


class PartClashError(Exception):
    """Two parts name the same section, or one part claims a section it does not add."""


_parts: dict[str, Part] = {}


def register(part: Part) -> Part:
    """Adds an app's part. Registering the same part again (an AppConfig made ready twice)
    changes nothing; two parts with one section key are a mistake."""
    keys = {section.key for section in part.sections}
    if len(keys) != len(part.sections):
        raise PartClashError(f"The part of {part.app} names a section twice")
    if unknown := set(part.covers.values()) - keys:
        raise PartClashError(f"The part of {part.app} claims sections it does not add: {unknown}")
    for other in _parts.values():
        if other.app != part.app and keys & {section.key for section in other.sections}:
            raise PartClashError(f"The parts of {part.app} and {other.app} share a section")
    _parts[part.app] = part
    return part


def parts() -> list[Part]:
    """Every part registered, by app label."""
    return [_parts[app] for app in sorted(_parts)]


def sections() -> list[Section]:
    """Every section of the export, in order."""
    return sorted(
        (section for part in _parts.values() for section in part.sections),
        key=lambda section: (section.position, section.key),
    )


def claimed_models() -> dict[str, str]:
    """Every model a part accounts for, with how: "section <key>" or the reason it is left
    out."""
    claimed: dict[str, str] = {}
    for part in parts():
        claimed.update({model: f"section {key}" for model, key in part.covers.items()})
        claimed.update(part.left_out)
    return claimed
