"""Release options made through the services, for the planning tests."""

from __future__ import annotations

from typing import Any

from throughcare.access.models import User
from throughcare.assessment import services as assessment_services
from throughcare.people import services as people_services
from throughcare.people.commands import NewVictim
from throughcare.people.models import Person, Victim
from throughcare.planning import services
from throughcare.planning.models import Option
from throughcare.records import services as records

VICTIM_NAME = "Vera Victimname"
VICTIM_POSTCODE = "NB1 4XY"


def victim(user: User, person: Person, **extra: Any) -> Victim:
    return people_services.add_victim(
        user=user,
        person=person,
        victim=NewVictim.from_cleaned(
            {
                "name": VICTIM_NAME,
                "relationship": "Former partner",
                "postcode": VICTIM_POSTCODE,
                **extra,
            }
        ),
    )


def option(user: User, person: Person, **values: Any) -> Option:
    data: dict[str, Any] = {
        "kind": "accommodation",
        "title": "His mother's flat",
        "accommodation_type": "family or partner",
        "address": "12 Acacia Road, Northbridge",
        "postcode": "NB3 2AA",
        "household": "His mother, 64",
    }
    data.update(values)
    return services.add_option(user=user, person=person, new=services.NewOption.from_cleaned(data))


def locked_assessment(
    user: User, person: Person, level: str = "low", contributions: dict[str, Any] | None = None
) -> None:
    """A locked assessment holding only what planning reads (the risk of serious harm levels
    and needs, and the contributions with the MAPPA level if given), written through the
    records services; no countersignature is asked."""
    version = assessment_services.start(user, person)
    records.save_section(
        user,
        version,
        "rosh",
        {"public_community": level, "children_community": "low"},
        expected=0,
        complete=True,
    )
    records.save_section(
        user,
        version,
        "needs",
        {"accommodation_severity": "severe", "accommodation_evidence": "No address"},
        expected=0,
        complete=True,
    )
    if contributions is not None:
        records.save_section(
            user, version, "contributions", contributions, expected=0, complete=True
        )
    records.submit(user, version, countersignature_reason="")
