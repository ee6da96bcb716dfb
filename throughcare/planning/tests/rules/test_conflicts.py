"""Each conflict rule, table-tested on its own (pure: no database)."""

from __future__ import annotations

import pytest

from throughcare.planning.rules import conflicts as c
from throughcare.planning.rules.conflicts import OptionFacts, VictimPlace
from throughcare.rules.places import Area, Place, district, normalised_postcode

V = VictimPlace("v1", postcode="NB1 4XY", keep_clear="NB2\nHillside estate")


@pytest.mark.parametrize(
    ("place", "found"),
    [
        (Place("NB1 4XY"), [c.VICTIM_ADDRESS]),
        (Place("nb14xy"), [c.VICTIM_ADDRESS]),  # however it was typed
        (Place("NB1 4XZ"), []),  # the next postcode: not the same street
        (Place("NB2 7AA"), [c.VICTIM_AREA]),  # a district to keep clear
        (Place("", "hillside  Estate"), [c.VICTIM_AREA]),  # a named area, any case or spacing
        (Place("", "Hillside"), []),  # a different name: no guess
        (Place("NB12 1AA"), []),  # NB12 is not NB1 or NB2
        (Place(), []),  # no place: nothing to match
    ],
)
def test_victim_address_or_area_to_keep_clear(place: Place, found: list[str]) -> None:
    conflicts = c.victims(OptionFacts(place=place, victims=(V,)))
    assert [x.rule for x in conflicts] == found
    for conflict in conflicts:
        # Never names or locates the victim: the reference is for pages that may.
        assert conflict.message.startswith("Conflicts with a victim's safety")
        assert "NB1" not in conflict.message and "Hillside" not in conflict.message
        assert conflict.victim == "v1"


@pytest.mark.parametrize(
    ("household", "restricted", "services", "conflict"),
    [
        (False, True, True, False),
        (True, False, False, False),
        (True, True, False, True),
        (True, False, True, True),
        (True, True, True, True),
    ],
)
def test_children_in_the_household(
    household: bool, restricted: bool, services: bool, conflict: bool
) -> None:
    facts = OptionFacts(
        household_children=household,
        children_contact_restricted=restricted,
        childrens_services_involved=services,
    )
    assert [x.rule for x in c.children(facts)] == ([c.CHILDREN] if conflict else [])


@pytest.mark.parametrize(
    ("place", "areas", "conflict"),
    [
        (Place("NB3 1AA"), ("NB3",), True),
        (Place("NB3 1AA"), ("NB4, NB3",), True),
        (Place("NB3 1AA"), ("NB4",), False),
        (Place("", "Old Town"), ("old town",), True),
        (Place("NB3 1AA", "Old Town"), (), False),
        (Place("NB3 1AA"), ("NB3 1AA",), True),  # a full postcode as the area
    ],
)
def test_exclusion_area(place: Place, areas: tuple[str, ...], conflict: bool) -> None:
    found = c.exclusion(OptionFacts(place=place, exclusion_areas=areas))
    assert [x.rule for x in found] == ([c.EXCLUSION] if conflict else [])


@pytest.mark.parametrize(
    ("kind", "offence", "not_accepted", "conflict"),
    [
        ("approved premises", "sexual (against child)", {"sexual (against child)"}, True),
        ("approved premises", "burglary (domestic)", {"sexual (against child)"}, False),
        ("approved premises", "", {"sexual (against child)"}, False),  # offence not known
        ("supported housing", "sexual (against child)", {"sexual (against child)"}, False),
    ],
)
def test_approved_premises_offence_type(
    kind: str, offence: str, not_accepted: set[str], conflict: bool
) -> None:
    facts = OptionFacts(accommodation_type=kind, offence_type=offence, not_accepted=not_accepted)
    assert [x.rule for x in c.approved_premises(facts)] == (
        [c.APPROVED_PREMISES] if conflict else []
    )


def test_detect_runs_every_rule_in_order() -> None:
    facts = OptionFacts(
        place=Place("NB1 4XY"),
        household_children=True,
        children_contact_restricted=True,
        exclusion_areas=("NB1",),
        victims=(V,),
    )
    assert [x.rule for x in c.detect(facts)] == [c.VICTIM_ADDRESS, c.CHILDREN, c.EXCLUSION]


@pytest.mark.parametrize(
    ("text", "full", "outward"),
    [("nb1 4xy", "NB1 4XY", "NB1"), ("SW1A1AA", "SW1A 1AA", "SW1A"), ("NB1", "", ""), ("", "", "")],
)
def test_postcodes_are_read_however_typed(text: str, full: str, outward: str) -> None:
    assert normalised_postcode(text) == full
    assert district(text) == outward


def test_an_area_sorts_its_entries() -> None:
    area = Area.parse("NB2; NB1 4XY,\n Hillside Estate ")
    assert area.districts == {"NB2"}
    assert area.postcodes == {"NB1 4XY"}
    assert area.names == {"hillside estate"}
    assert not Area.parse(" , \n")
