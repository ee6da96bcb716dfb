"""Postcodes and areas, matched simply and honestly (pure: no Django).

A UK postcode is an outward code (the postcode district: "NB1", "SW1A") and an inward code
("4XY"). An area is written as a list of entries, one per line or separated by commas or
semicolons; each entry is a full postcode, a postcode district, or a named area ("Hillside
estate"). A place is in an area when its full postcode is listed, its postcode district is
listed, or its named area is listed (the same words, ignoring case and spacing).

The limits, said plainly: a postcode district is a coarse area (thousands of addresses) and a
full postcode is a street or part of one (about fifteen addresses), so a match means "at or
near", never "the same house"; a named area matches only the same name, so "Hillside" does not
match "Hillside estate", and no boundary or distance is computed (there is no map here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The shapes of a UK postcode (without the space): A9 9AA, A99 9AA, AA9 9AA, AA99 9AA,
# A9A 9AA, AA9A 9AA.
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_SEPARATORS = re.compile(r"[,;\n]+")


def _squashed(text: str) -> str:
    return "".join(text.upper().split())


def is_postcode(text: str) -> bool:
    return bool(_POSTCODE.match(_squashed(text)))


def normalised_postcode(text: str) -> str:
    """ "nb1 4xy" -> "NB1 4XY"; "" for anything that is not a postcode."""
    squashed = _squashed(text)
    if not _POSTCODE.match(squashed):
        return ""
    return f"{squashed[:-3]} {squashed[-3:]}"


def district(postcode: str) -> str:
    """The postcode district (outward code) of a postcode: "NB1 4XY" -> "NB1"; "" if none."""
    full = normalised_postcode(postcode)
    return full.split(" ")[0] if full else ""


def _name(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Place:
    """Where something is: a postcode and a named area, either may be blank."""

    postcode: str = ""
    area: str = ""


@dataclass(frozen=True)
class Area:
    """An area as written: its entries, sorted into postcodes, districts and names."""

    postcodes: frozenset[str]
    districts: frozenset[str]
    names: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> Area:
        postcodes, districts, names = set(), set(), set()
        for entry in _SEPARATORS.split(text or ""):
            if not entry.strip():
                continue
            squashed = _squashed(entry)
            if _POSTCODE.match(squashed):
                postcodes.add(normalised_postcode(squashed))
            elif _DISTRICT.match(squashed):
                districts.add(squashed)
            else:
                names.add(_name(entry))
        return cls(frozenset(postcodes), frozenset(districts), frozenset(names))

    def __bool__(self) -> bool:
        return bool(self.postcodes or self.districts or self.names)

    def contains(self, place: Place) -> bool:
        full = normalised_postcode(place.postcode)
        if full and (full in self.postcodes or district(full) in self.districts):
            return True
        return bool(place.area.strip()) and _name(place.area) in self.names
