"""The release planning block of the access matrix (issue 11), kept apart from the rest so the
matrix's other blocks merge cleanly: what it plants in the matrix's world, the URL arguments
of its pages, and the marked values each relation may see."""

from __future__ import annotations

from typing import Any

from throughcare.access import policy
from throughcare.casework.sources import Source
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewVictim
from throughcare.planning import services

R = policy.Relation
A = policy.Action

OPTION = "RELEASE-OPTION-TEXT"  # an option's details, a barrier, a restriction: the case team's
LIAISON = "VICTIM-LIAISON-TEXT"  # what victim liaison said: for those who may see victims


def plant(com: Any, person: Any, victim_name: str) -> dict[str, Any]:
    """An option at a victim's postcode (so its conflict shows), evaluated; a barrier against
    it; a restriction; a victim liaison consultation."""
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned(
            {"name": victim_name, "relationship": "Former partner", "postcode": "NB1 4XY"}
        ),
    )
    option = services.add_option(
        user=com,
        person=person,
        new=services.NewOption.from_cleaned(
            {
                "kind": "accommodation",
                "title": "Mother's flat",
                "description": OPTION,
                "accommodation_type": "family or partner",
                "address": "1 Matrix Road",
                "postcode": "NB1 4XY",
            }
        ),
    )
    source = Source("person", clock.today())
    services.evaluate(
        user=com,
        option=option,
        answers={"p25_1_rating": "against", "p25_1_evidence": OPTION},
        source=source,
    )
    barrier = services.record_barrier(
        user=com, person=person, data={"kind": "community", "description": OPTION, "option": option}
    )
    services.add_restriction(
        user=com, person=person, kind="exclusion area", area="NB9", details=OPTION, source=source
    )
    services.add_consultation(user=com, person=person, summary=LIAISON, source=source)
    return {"option": option, "barrier": barrier}


def kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "option_id": world["option"].pk,
        "barrier_id": world["barrier"].pk,
        "option_kind": "accommodation",
    }


def entitled(relation: R) -> set[str]:
    values = set()
    if policy.allows(relation, A.VIEW_OPTIONS):
        values.add(OPTION)
    if policy.allows(relation, A.VIEW_VICTIMS):
        values.add(LIAISON)
    return values


VALUES = (OPTION, LIAISON)
