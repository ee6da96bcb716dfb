"""The Overview section: the person's record opened by the case team, refused to others, and
the pages that add to it."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import search
from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, Outcome
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_overview_shows_identity_sentence_and_allocation_and_audits_it(
    client_for: Callable[[User], Client], com: User, pom: User, person: Person
) -> None:
    response = client_for(com).get(reverse("record:overview", args=[person.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        person.full_name,
        person.crn,
        "Standard determinate",
        pom.full_name,
        com.full_name,
    ):
        assert text in body
    assert AuditEvent.objects.filter(
        person_id=person.pk, operation=Operation.CONSULTATION, outcome=Outcome.ALLOWED, user=com
    ).exists()


def test_team_may_see_outsiders_get_404_other_staff_a_reason_prompt_all_audited(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    person: Person,
) -> None:
    colleague = make_user(Role.COM, "team")
    stranger = make_user(Role.COM, "other_team")
    admin = make_user(Role.ADMIN, None)
    partner = make_user(Role.PARTNER, "partner")
    url = reverse("record:overview", args=[person.pk])
    assert client_for(colleague).get(url).status_code == 200
    for outsider in (admin, partner):
        for page in (url, reverse("casework:activity", args=[person.pk])):
            response = client_for(outsider).get(page)
            assert response.status_code == 404
            assert person.full_name not in response.content.decode()
        assert (
            AuditEvent.objects.filter(
                person_id=person.pk, user=outsider, outcome=Outcome.REFUSED
            ).count()
            == 2
        )
    response = client_for(stranger).get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("access:break-glass", args=[person.pk])
    assert AuditEvent.objects.filter(
        person_id=person.pk, user=stranger, outcome=Outcome.REFUSED
    ).exists()


def test_an_unknown_person_is_404_like_a_hidden_one(
    client_for: Callable[[User], Client], com: User
) -> None:
    import uuid

    response = client_for(com).get(reverse("record:overview", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_create_person_then_sentence_with_release_before_sentence(
    client_for: Callable[[User], Client], com: User
) -> None:
    client = client_for(com)
    response = client.post(
        reverse("caseload:create"),
        {
            "given_name": "Ada",
            "family_name": "Lovelace",
            "date_of_birth_day": "1",
            "date_of_birth_month": "2",
            "date_of_birth_year": "1990",
            "sex": "female",
        },
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("record:overview", args=[person.pk])
    response = client.post(
        reverse("record:sentence-create", args=[person.pk]),
        {
            "sentence_type": "sds",
            "sentence_date_day": "1",
            "sentence_date_month": "6",
            "sentence_date_year": "2025",
            "crd_day": "1",
            "crd_month": "5",
            "crd_year": "2025",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Conditional release date must be on or after the date of sentence" in body
    assert 'href="#id_crd-day"' in body
    assert person.sentences.count() == 0


def test_add_another_name_then_find_the_person_by_it(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    client = client_for(com)
    url = reverse("record:alias-create", args=[person.pk])
    assert "Enter the other name" in client.post(url, {}).content.decode()
    assert client.post(url, {"given_name": "Jay", "family_name": "Moniker"}).status_code == 302
    assert (
        "This name is already recorded"
        in client.post(url, {"given_name": "jay", "family_name": "moniker"}).content.decode()
    )
    overview = client.get(reverse("record:overview", args=[person.pk])).content.decode()
    assert "Jay Moniker" in overview
    assert person.listed_name in search(client, "monik").content.decode()
    assert (
        AuditEvent.objects.filter(
            person_id=person.pk, record_type="alias", operation=Operation.COLLECTION
        ).count()
        == 1
    )
