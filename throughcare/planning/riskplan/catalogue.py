"""The licence conditions (shared/domain/licence-conditions.json, shipped beside this module as
`licence-conditions.json`): the eight standard conditions, which always apply, and the
additional conditions a plan chooses from, by category. Pure Python, no Django.

Each additional condition has a stable `code` (from its words, so a condition keeps its code
while the catalogue is reordered) and its blanks parsed from the text: "[A / B / C]" is a
choice of one of the options; "[INSERT AGE]", "[NAME OF POLICE STATION]" and the like are
free text. A blank whose options include a placeholder ("[TIME / DAILY / OTHER]",
"[WEEKLY / MONTHLY / ETC]", "[NAMED OFFENDER(S) / NAMED INDIVIDUAL(S)]") is free text too.

Some conditions are checked against the chosen address and area (`check`):
- "exclusion": a zone the person must not enter (its extent is asked for, as postcodes,
  postcode districts or named areas, in the extra input `ZONE`);
- "inclusion": an area the person must not leave (the same extra input);
- "victim": no contact with a victim;
- "children": no unsupervised contact with children, or not living with them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).with_name("licence-conditions.json")
ZONE = "zone"
ZONE_LABEL = "The zone, for the check against the chosen address"
ZONE_HINT = (
    "As on the map: postcodes, postcode districts or named areas, one a line, "
    "for example NB1 or Hillside estate"
)
BLANK_LIMIT = 500

_BLANK = re.compile(r"\[([^\[\]]+)\]")
# Words that make an option a placeholder to fill in, not a choice to pick.
_PLACEHOLDERS = ("INSERT", "NAME", "NAMED", "TIME", "TYPE OF", "SPECIFIED ITEM", "VALUE")
_OPEN_ENDED = {"ETC", "OTHER"}

# Checked against the chosen address and area, by the condition's opening words.
_CHECKS: tuple[tuple[str, str], ...] = (
    ("Not to enter the area as defined by the attached map", "exclusion"),
    ("Not to enter [NAME / TYPE OF PREMISES / ADDRESS / ROAD]", "exclusion"),
    ("Not to leave the area as defined by the attached map", "inclusion"),
    ("Not to seek to approach or communicate with [INSERT NAME OF VICTIM", "victim"),
    ("Not to have unsupervised contact with", "children"),
    ("Not to reside (not even to stay for one night) in the same household", "children"),
)


@dataclass(frozen=True)
class Blank:
    """One blank of a condition: its field name, its placeholder as written, and its options
    (empty for free text)."""

    name: str
    placeholder: str
    options: tuple[str, ...]
    label: str

    @property
    def is_choice(self) -> bool:
        return bool(self.options)


@dataclass(frozen=True)
class Condition:
    code: str
    category: str
    text: str
    blanks: tuple[Blank, ...]
    check: str = ""  # "", "exclusion", "inclusion", "victim", "children"

    @property
    def needs_zone(self) -> bool:
        return self.check in ("exclusion", "inclusion")

    @property
    def inputs(self) -> tuple[str, ...]:
        """The names of every input it needs: its blanks, then the zone if checked by one."""
        return tuple(b.name for b in self.blanks) + ((ZONE,) if self.needs_zone else ())


@dataclass(frozen=True)
class Catalogue:
    source: str
    standard: tuple[str, ...]
    additional: tuple[Condition, ...]

    def by_code(self, code: str) -> Condition | None:
        return next((c for c in self.additional if c.code == code), None)

    def categories(self) -> list[tuple[str, list[Condition]]]:
        """The additional conditions by category, in the catalogue's order."""
        found: dict[str, list[Condition]] = {}
        for condition in self.additional:
            found.setdefault(condition.category, []).append(condition)
        return list(found.items())

    def order(self, code: str) -> int:
        """The place of a condition in the catalogue (unknown codes last)."""
        for index, condition in enumerate(self.additional):
            if condition.code == code:
                return index
        return len(self.additional)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def code_for(text: str) -> str:
    """A stable code from the condition's words: its first words and a short digest."""
    words = "-".join(_slug(text).split("-")[:4])
    digest = hashlib.sha256(text.encode()).hexdigest()[:6]
    return f"{words}-{digest}"


def _options(placeholder: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in placeholder.split(" / "))
    if len(parts) < 2:
        return ()
    if any(p.startswith(_PLACEHOLDERS) or p in _OPEN_ENDED for p in parts):
        return ()
    return parts


def _sentence(words: str) -> str:
    words = words.strip()
    lowered = " ".join(w if not w.isupper() else w.lower() for w in words.split())
    return lowered[:1].upper() + lowered[1:]


def _label(placeholder: str, options: tuple[str, ...]) -> str:
    if options:
        return "Choose one: " + " or ".join(_sentence(o).lower() for o in options)
    words = placeholder.removeprefix("INSERT ").strip()
    return _sentence(words)


def parse_blanks(text: str) -> tuple[Blank, ...]:
    found = []
    for index, match in enumerate(_BLANK.finditer(text)):
        placeholder = match.group(1)
        options = _options(placeholder)
        found.append(Blank(f"blank_{index}", placeholder, options, _label(placeholder, options)))
    # The same words twice ("[TIME] and [TIME]"): say which is which.
    seen: dict[str, int] = {}
    for blank in found:
        seen[blank.label] = seen.get(blank.label, 0) + 1
    numbered = []
    counts: dict[str, int] = {}
    for blank in found:
        if seen[blank.label] > 1:
            counts[blank.label] = counts.get(blank.label, 0) + 1
            ordinal = ("first", "second", "third", "fourth")[min(counts[blank.label], 4) - 1]
            blank = Blank(
                blank.name, blank.placeholder, blank.options, f"{blank.label} ({ordinal})"
            )
        numbered.append(blank)
    return tuple(numbered)


def _check(text: str) -> str:
    return next((kind for opening, kind in _CHECKS if text.startswith(opening)), "")


def _shown_option(option: str, at_start: bool) -> str:
    words = " ".join(w.lower() if w.isupper() else w for w in option.split())
    return words[:1].upper() + words[1:] if at_start else words


def fill(condition: Condition, inputs: Mapping[str, str]) -> str:
    """The condition's text with each blank filled ("" left in place where none is given)."""
    blanks = iter(condition.blanks)

    def replace(match: re.Match[str]) -> str:
        blank = next(blanks)
        value = str(inputs.get(blank.name) or "").strip()
        if not value:
            return match.group(0)
        if blank.is_choice:
            return _shown_option(value, at_start=match.start() == 0)
        return value

    return _BLANK.sub(replace, condition.text)


def problems(condition: Condition, inputs: Mapping[str, str]) -> dict[str, str]:
    """Every blank left empty, a choice not among the options, or an input too long."""
    found: dict[str, str] = {}
    for blank in condition.blanks:
        value = str(inputs.get(blank.name) or "").strip()
        if blank.is_choice:
            if value not in blank.options:
                found[blank.name] = "Select one: " + " or ".join(
                    _shown_option(o, False) for o in blank.options
                )
        elif not value:
            found[blank.name] = f"Enter {blank.label[:1].lower()}{blank.label[1:]}"
        elif len(value) > BLANK_LIMIT:
            found[blank.name] = f"{blank.label} must be {BLANK_LIMIT} characters or fewer"
    if condition.needs_zone:
        zone = str(inputs.get(ZONE) or "").strip()
        if not zone:
            found[ZONE] = "Enter the zone: postcodes, postcode districts or named areas"
        elif len(zone) > BLANK_LIMIT:
            found[ZONE] = f"The zone must be {BLANK_LIMIT} characters or fewer"
    return found


def parse(data: Mapping[str, object]) -> Catalogue:
    additional = []
    for item in data["additional_conditions"]:  # type: ignore[attr-defined]
        text = str(item["text"])
        additional.append(
            Condition(
                code=code_for(text),
                category=str(item["category"]),
                text=text,
                blanks=parse_blanks(text),
                check=_check(text),
            )
        )
    codes = [c.code for c in additional]
    if len(set(codes)) != len(codes):
        raise ValueError("Two additional licence conditions have the same code")
    return Catalogue(
        source=str(data.get("source", "")),
        standard=tuple(str(t) for t in data["standard_conditions"]),  # type: ignore[attr-defined]
        additional=tuple(additional),
    )


@cache
def catalogue() -> Catalogue:
    """The catalogue shipped with the package (read once)."""
    return parse(json.loads(PATH.read_text(encoding="utf-8")))
