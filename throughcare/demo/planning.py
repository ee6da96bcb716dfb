"""The demo's release options (issue 11): for a Northbridge person releasing within six weeks,
three places to live, one at the postcode of a victim (so the conflict shows), each evaluated
on some of P25.1-P25.6, and an open barrier. Written through the services, as the COM would."""

from __future__ import annotations

from datetime import timedelta

from throughcare.access.models import Organisation, Role
from throughcare.casework.sources import Source, SourceKind
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewVictim
from throughcare.people.models import Person
from throughcare.planning import services
from throughcare.planning.models import Option, ProviderProfile

TEAM = "Northbridge probation team"
HOUSING = "Safe Harbour Housing"
VICTIM_POSTCODE = "NB1 4XY"


def _person() -> Person | None:
    today = clock.today()
    return (
        Person.objects.filter(
            com__organisation__name=TEAM,
            com__role=Role.COM,
            release_date__gte=today,
            release_date__lte=today + timedelta(weeks=6),
            release_options__isnull=True,
        )
        .select_related("com")
        .order_by("release_date", "crn")
        .first()
    )


def add_options() -> int:
    """Three accommodation options for one person (once); the number added."""
    person = _person()
    if person is None or person.com is None:
        return 0
    com = person.com
    housing = Organisation.objects.filter(name=HOUSING).first()
    if housing is not None:
        ProviderProfile.objects.get_or_create(
            organisation=housing, defaults={"approved_premises": False}
        )
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim(
            name="Jordan Ellis",
            relationship="Former partner",
            safety_concerns="No contact; lives in the Riverside area",
            postcode=VICTIM_POSTCODE,
            keep_clear="NB1\nRiverside",
        ),
    )
    today = clock.today()
    made = [
        services.add_option(user=com, person=person, new=services.NewOption(**values))
        for values in (
            {
                "kind": "accommodation",
                "title": "His sister's flat",
                "accommodation_type": "family or partner",
                "address": "Flat 3, 41 Mill Lane, Northbridge",
                "postcode": VICTIM_POSTCODE,
                "household": "His sister (34) and her partner",
            },
            {
                "kind": "accommodation",
                "title": "Safe Harbour supported housing",
                "accommodation_type": "supported housing",
                "provider": housing,
                "address": "Safe Harbour House, 2 Quay Street, Northbridge",
                "postcode": "NB4 2QS",
                "household": "Eight residents and 24-hour staff",
            },
            {
                "kind": "accommodation",
                "title": "CAS3 temporary accommodation",
                "accommodation_type": "CAS3",
                "address": "To be allocated in Northbridge",
                "postcode": "NB6 1AA",
            },
        )
    ]
    colleague = Source(SourceKind.PARTNER, today - timedelta(days=3), HOUSING)
    evaluations = {
        0: {
            "p25_1_rating": "against",
            "p25_1_evidence": "At the victim's postcode: the conflict rules this out unless "
            "the victim has moved.",
            "p25_3_rating": "for",
            "p25_3_evidence": "His sister is a steady influence and visits him every week.",
        },
        1: {
            "p25_1_rating": "for",
            "p25_1_evidence": "Staffed day and night; away from the victim's area.",
            "p25_2_rating": "for",
            "p25_2_evidence": "On-site drug and alcohol support meets his severe need.",
            "p25_6_rating": "mixed",
            "p25_6_evidence": "A room is likely but not confirmed for the release date.",
        },
        2: {
            "p25_6_rating": "mixed",
            "p25_6_evidence": "CAS3 can place him for 84 nights; the address is known on the day.",
        },
    }
    for index, answers in evaluations.items():
        services.evaluate(user=com, option=made[index], answers=answers, source=colleague)
    services.record_barrier(
        user=com,
        person=person,
        data={
            "kind": "organisational",
            "option": made[1],
            "description": "Safe Harbour has no room confirmed before the release date",
            "challenge": "Asked for a room to be held; escalated to their area manager",
            "challenged_by": com.full_name,
        },
    )
    assert all(o.status == Option.Status.CONSIDERING for o in made)  # noqa: S101
    return len(made)
