"""Search results for every relation, from the access matrix's world: each user finds a person
only by what their relation (and, for a partner, their agreement) lets them see, and each result
shows only those facts (tests/test_access_matrix.py builds the world)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import search
from tests.test_access_matrix import (  # noqa: F401 - world is a fixture
    MATRIX_RELATIONS,
    R,
    _client,
    world,
)
from throughcare.access import policy, services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, SharingAgreement, User
from throughcare.audit.models import AuditEvent
from throughcare.core import clock
from throughcare.people.models import Person

# Search: for every relation, and a partner with each kind of agreement, what finds the person
# and what their result shows, from the policy's SEARCH_RULES (docs/access.md holds the table).
F = policy.SearchFact
SECTIONS = [s.value for s in SharingAgreement.Section]
SEARCH_CASES = [(relation, ()) for relation in MATRIX_RELATIONS] + [
    (R.PARTNER_WITH_AGREEMENT, tuple(sections)) for sections in ([section] for section in SECTIONS)
]


def _search_expected(relation: R, sections: tuple[str, ...], fact: F) -> bool:
    relations, section = policy.SEARCH_RULES[fact]
    if relation not in relations:
        return False
    if relation == R.PARTNER_WITH_AGREEMENT and section is not None:
        return section in (sections or SECTIONS)  # the world's own agreement shares all
    return True


def _search_user(
    world: dict[str, Any],  # noqa: F811 - the fixture imported above
    client_for: Any,
    relation: R,
    sections: tuple[str, ...],
) -> tuple[Client, User, Person]:
    if not sections:
        client, person = _client(world, relation, client_for)
        return client, world["users"][relation], person
    person = world["person"]
    organisation = Organisation.objects.create(
        name=f"Partner sharing {' and '.join(sections)}", kind=Organisation.Kind.PARTNER
    )
    partner = User.objects.create_user(
        f"partner.{'.'.join(sections)}@test.example",
        "correct-horse-battery",
        full_name="Sections Partner Worker",
        role=Role.PARTNER,
        organisation=organisation,
    )
    today = clock.today()
    services.share_with_partner(
        by=world["users"][R.ALLOCATED],
        person=person,
        share=ShareRequest(
            organisation=organisation,
            purpose="Resettlement",
            sections=tuple(sections),
            start_date=today,
            end_date=today + timedelta(days=30),
        ),
    )
    assert policy.relation(partner, person) == relation
    return client_for(partner), partner, person


@pytest.mark.parametrize(
    ("relation", "sections"),
    SEARCH_CASES,
    ids=[f"{r}{' sharing ' + ' '.join(s) if s else ''}" for r, s in SEARCH_CASES],
)
def test_search_results_for_every_relation(
    world: dict[str, Any],  # noqa: F811 - the fixture imported above
    client_for: Any,
    relation: R,
    sections: tuple[str, ...],
) -> None:
    client, user, person = _search_user(world, client_for, relation, sections)
    link = reverse("record:overview", args=[person.pk])
    alias = person.aliases.get()
    assert person.prison_number and person.pnc_number
    expect = {fact: _search_expected(relation, sections, fact) for fact in F}
    failures = []
    found_by = {
        F.NAME: [person.family_name, person.given_name, person.listed_name],
        F.CRN: [person.crn],
        F.OTHER_NAMES: [alias.family_name],
        F.PRISON_NUMBER: [person.prison_number],
        F.PNC_NUMBER: [person.pnc_number],
    }
    for fact, texts in found_by.items():
        for text in texts:
            body = search(client, text).content.decode()
            if (link in body) != expect[fact]:
                failures.append(f"search by {fact} ({text!r}): found is not {expect[fact]}")
    results = search(client, person.crn).content.decode()
    shown = {
        F.DATE_OF_BIRTH: person.date_of_birth.strftime("%-d %B %Y"),
        F.PRISON_NUMBER: person.prison_number,
        F.RELEASE_DATE: (
            person.release_date.strftime("%-d %B %Y") if person.release_date else "Not known"
        ),
    }
    if expect[F.CRN]:
        assert link in results
        for fact, text in shown.items():
            if (text in results) != expect[fact]:
                failures.append(f"result shows {fact}: is not {expect[fact]}")
    for text in (person.pnc_number, alias.family_name):
        # Found by, never shown in a result.
        if text in results:
            failures.append(f"result shows {text!r}")
    assert not failures, "\n".join(failures)
    # Each result shown is audited; nothing is recorded for a person not shown.
    shown_events = AuditEvent.objects.filter(
        person_id=person.pk, user=user, record_type="search result"
    )
    assert shown_events.exists() == expect[F.NAME]
