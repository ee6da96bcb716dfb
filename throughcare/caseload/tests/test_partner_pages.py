"""What a partner worker finds and lands on: search shows them, and finds people by, only
what their organisation's current agreements share; their landing page lists those people."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from conftest import search, share
from throughcare.access import services
from throughcare.access.commands import Exclusion
from throughcare.access.models import Organisation, Role, User
from throughcare.audit.models import AuditEvent
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewAlias
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


def test_a_partner_finds_and_sees_in_search_only_what_the_agreement_shares(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    person = make_person(
        release_in_days=30,
        family_name="Sharedsurname",
        prison_number="E5678FG",
        pnc_number="2014/0004567K",
    )
    people_services.add_alias(
        user=com,
        person=person,
        alias=NewAlias.from_cleaned({"given_name": "Jay", "family_name": "Aliasname"}),
    )
    assert person.release_date is not None
    birth, release = (d.strftime("%-d %B %Y") for d in (person.date_of_birth, person.release_date))
    agreement = share(person, com, organisations["partner"], ["case_notes"])
    partner = client_for(make_user(Role.PARTNER, "partner"))

    for text in (person.family_name, person.crn):
        body = search(partner, text).content.decode()
        assert person.listed_name in body and "1 result" in body, text
        for hidden in ("E5678FG", "2014/0004567K", birth, release):
            assert hidden not in body, (text, hidden)
    for text in ("E5678FG", "2014/0004567K", "Aliasname"):
        body = search(partner, text).content.decode()
        assert person.listed_name not in body and "0 results" in body, text

    # With identity shared, its facts are shown and found; the release date only with the
    # sentence.
    agreement.delete()
    share(person, com, organisations["partner"], ["identity"])
    for text in (person.family_name, "E5678FG", "2014/0004567K", "Aliasname"):
        body = search(partner, text).content.decode()
        assert person.listed_name in body and "E5678FG" in body and birth in body, text
        assert release not in body, text
    share(person, com, organisations["partner"], ["sentence"])
    assert release in search(partner, person.family_name).content.decode()


def test_a_partner_lands_on_the_people_shared_with_them(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    spo: User,
    com: User,
    make_person: Callable[..., Person],
) -> None:
    today = clock.today()
    housing = make_person(family_name="Housedperson")
    notes = make_person(family_name="Notesperson")
    ended = make_person(family_name="Endedperson")
    kept_out = make_person(family_name="Keptoutperson")
    not_shared = make_person(family_name="Notsharedperson")
    other_partner = Organisation.objects.create(
        name="Other Partner", kind=Organisation.Kind.PARTNER
    )
    partner_org = organisations["partner"]
    share(housing, com, partner_org, ["identity", "sentence"], end=today + timedelta(days=40))
    share(notes, com, partner_org, ["case_notes"], end=today + timedelta(days=10))
    share(notes, com, partner_org, ["identity"], end=today + timedelta(days=70))
    services.end_agreement(
        by=com,
        agreement=share(ended, com, partner_org, ["identity"]),
        reason="Housing found elsewhere",
    )
    share(not_shared, com, other_partner, ["identity"])
    partner = make_user(Role.PARTNER, "partner")
    share(kept_out, com, partner_org, ["identity"])
    services.exclude_user(
        by=spo, person=kept_out, exclusion=Exclusion(user=partner, reason="Knows him")
    )

    response = client_for(partner).get(reverse("caseload:caseload"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nobody is allocated to you yet" not in body
    assert "People shared with you" in body and "2 people are shared with Test Housing" in body
    assert body.index(housing.listed_name) < body.index(notes.listed_name)
    for person in (ended, kept_out, not_shared):
        assert person.listed_name not in body and person.crn not in body
    assert "Name, date of birth and identifiers" in body and "Sentence and key dates" in body
    long = "%-d %B %Y"
    assert (today + timedelta(days=40)).strftime(long) in body
    # Two agreements ending on different days: each section with its own end.
    notes_end, identity_end = ((today + timedelta(days=days)).strftime(long) for days in (10, 70))
    assert f"Case notes (not sensitive, not withheld from partners): {notes_end}" in body
    assert f"Name, date of birth and identifiers: {identity_end}" in body
    shown = AuditEvent.objects.filter(user=partner, record_type="caseload")
    assert sorted(map(str, shown.values_list("person_id", flat=True))) == sorted(
        str(p.pk) for p in (housing, notes)
    )


def test_a_partner_with_nobody_shared_is_told_so(
    client_for: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    body = client_for(make_user(Role.PARTNER, "partner")).get(reverse("caseload:caseload"))
    assert "Nobody is shared with Test Housing at the moment" in body.content.decode()
