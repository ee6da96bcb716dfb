"""Conflicts in a release option, detected by rule and never left to memory (SFJCCFI2 P25.3,
issue 11 point 3). Pure: the caller reads the record and passes plain facts.

Each rule takes the facts it needs and returns the conflicts it finds. A conflict carries a
message anyone in the case team may read (never naming or locating a victim) and, for a
victim, the victim's reference, so that a page may name them to those allowed to see victims.

Places are matched by `throughcare.rules.places` (postcodes, postcode districts and named
areas: its limits are said there).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from throughcare.rules.places import Area, Place, normalised_postcode

VICTIM_ADDRESS = "victim's address"
VICTIM_AREA = "victim's area"
CHILDREN = "children in the household"
EXCLUSION = "exclusion area"
APPROVED_PREMISES = "offence not accepted"


@dataclass(frozen=True)
class Conflict:
    """- rule: which rule found it (one of the constants above);
    - message: what any member of the case team may read;
    - victim: the reference of the victim it concerns (None: no victim), for a page that may
      name them to those who may see victims."""

    rule: str
    message: str
    victim: object | None = None


@dataclass(frozen=True)
class VictimPlace:
    """A victim's postcode and the areas to keep clear of them, by the victim's reference."""

    ref: object
    postcode: str = ""
    keep_clear: str = ""


@dataclass(frozen=True)
class OptionFacts:
    """What the rules need of an option and the person.

    - place: where the option is (postcode and named area; blank for an option with no place);
    - household_children: whether children live at the address or visit it;
    - accommodation_type: the option's type of accommodation ("" when not accommodation);
    - offence_type: the person's main current offence's category ("" if not known);
    - not_accepted: the offence types the provider does not accept (approved premises);
    - children_contact_restricted: a restriction on unsupervised contact with children;
    - childrens_services_involved: a safeguarding concern about a child, or children's services
      working with the family;
    - exclusion_areas: the areas the person is excluded from, as written;
    - victims: each victim's place."""

    place: Place = Place()
    household_children: bool = False
    accommodation_type: str = ""
    offence_type: str = ""
    not_accepted: Collection[str] = ()
    children_contact_restricted: bool = False
    childrens_services_involved: bool = False
    exclusion_areas: tuple[str, ...] = ()
    victims: tuple[VictimPlace, ...] = field(default_factory=tuple)


APPROVED_PREMISES_TYPE = "approved premises"
SAFETY = "Conflicts with a victim's safety"


def victims(facts: OptionFacts) -> list[Conflict]:
    """An address where a victim lives (the same full postcode: at or next to their home), or
    a place inside an area a victim needs kept clear."""
    found = []
    option_postcode = normalised_postcode(facts.place.postcode)
    for victim in facts.victims:
        if option_postcode and option_postcode == normalised_postcode(victim.postcode):
            found.append(
                Conflict(VICTIM_ADDRESS, f"{SAFETY}: at or next to where they live", victim.ref)
            )
        elif Area.parse(victim.keep_clear).contains(facts.place):
            found.append(
                Conflict(VICTIM_AREA, f"{SAFETY}: inside an area they need kept clear", victim.ref)
            )
    return found


def children(facts: OptionFacts) -> list[Conflict]:
    """A household with children, where contact with children is restricted or children's
    services are involved."""
    if not facts.household_children:
        return []
    why = []
    if facts.children_contact_restricted:
        why.append("contact with children is restricted")
    if facts.childrens_services_involved:
        why.append("children's services are involved")
    if not why:
        return []
    return [Conflict(CHILDREN, f"Children live at or visit this address, and {' and '.join(why)}")]


def exclusion(facts: OptionFacts) -> list[Conflict]:
    """A place inside an area the person is excluded from."""
    for written in facts.exclusion_areas:
        if Area.parse(written).contains(facts.place):
            return [Conflict(EXCLUSION, "Inside an area the person is excluded from")]
    return []


def approved_premises(facts: OptionFacts) -> list[Conflict]:
    """An approved premises that does not accept the person's offence type."""
    if facts.accommodation_type != APPROVED_PREMISES_TYPE or not facts.offence_type:
        return []
    if facts.offence_type in set(facts.not_accepted):
        return [
            Conflict(
                APPROVED_PREMISES,
                f"This approved premises does not accept the offence type ({facts.offence_type})",
            )
        ]
    return []


RULES = (victims, children, exclusion, approved_premises)


Rule = Callable[[OptionFacts], list[Conflict]]


def detect(facts: OptionFacts, rules: Iterable[Rule] = RULES) -> list[Conflict]:
    """Every conflict every rule finds, in the rules' order."""
    return [conflict for rule in rules for conflict in rule(facts)]
