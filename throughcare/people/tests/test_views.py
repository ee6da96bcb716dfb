from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import search
from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, Outcome
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_sign_in_is_required(client: Client, person: Person) -> None:
    for url in (reverse("people:caseload"), reverse("people:overview", args=[person.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("access:sign-in"))


def test_caseload_lists_my_people_with_release_dates(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    mine = make_person(release_in_days=20)
    response = client_for(com).get(reverse("people:caseload"))
    assert response.status_code == 200
    body = response.content.decode()
    assert mine.listed_name in body and mine.crn in body
    assert "HMP Testmoor" in body
    assert response["Cache-Control"] == "no-store"


def test_caseload_filter_releasing_in_the_next_12_weeks(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    soon = make_person(release_in_days=20)
    later = make_person(release_in_days=200)
    body = client_for(com).get(reverse("people:caseload"), {"releasing": "soon"}).content.decode()
    assert soon.listed_name in body
    assert later.listed_name not in body


def test_caseload_sorts_by_release_date_both_ways(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    early = make_person(release_in_days=10)
    late = make_person(release_in_days=100)
    client = client_for(com)
    ascending = client.get(reverse("people:caseload"), {"sort": "release"}).content.decode()
    assert ascending.index(early.listed_name) < ascending.index(late.listed_name)
    descending = client.get(
        reverse("people:caseload"), {"sort": "release", "order": "desc"}
    ).content.decode()
    assert descending.index(late.listed_name) < descending.index(early.listed_name)


def test_caseload_is_paginated(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person], settings
) -> None:
    settings.CASELOAD_PAGE_SIZE = 2
    for days in (10, 20, 30):
        make_person(release_in_days=days)
    client = client_for(com)
    first = client.get(reverse("people:caseload")).content.decode()
    second = client.get(reverse("people:caseload"), {"page": 2}).content.decode()
    assert first.count("/people/") - second.count("/people/") >= 1
    assert "govuk-pagination" in first


def _queries(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("people:caseload", {}),
        ("people:caseload", {"releasing": "soon"}),
        ("people:search", {"s": "saved"}),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    client_for: Callable[[User], Client],
    com: User,
    make_person: Callable[..., Person],
    url_name: str,
    params: dict[str, str],
) -> None:
    client = client_for(com)
    session = client.session
    session["searches"] = {"saved": "Family"}
    session.save()
    make_person(release_in_days=5)
    few = _queries(client, reverse(url_name), params)
    for days in range(6, 26):
        make_person(release_in_days=days)
    many = _queries(client, reverse(url_name), params)
    assert many == few


def test_timeline_queries_do_not_grow_with_notes(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    from conftest import TODAY
    from throughcare.casework import services as casework

    client = client_for(com)
    url = reverse("casework:activity", args=[person.pk])
    note = {"note_type": "contact", "occurred_on": TODAY, "text": "Seen."}
    casework.add_case_note(user=com, person=person, data=note, today=TODAY)
    few = _queries(client, url)
    for _ in range(15):
        casework.add_case_note(user=com, person=person, data=note, today=TODAY)
    assert _queries(client, url) == few


def test_overview_shows_identity_sentence_and_allocation_and_audits_it(
    client_for: Callable[[User], Client], com: User, pom: User, person: Person
) -> None:
    response = client_for(com).get(reverse("people:overview", args=[person.pk]))
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
    url = reverse("people:overview", args=[person.pk])
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

    response = client_for(com).get(reverse("people:overview", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_search_by_partial_name_and_identifiers(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    seen = make_person(
        given_name="Marcus",
        family_name="Okonkwo",
        prison_number="B2345CD",
        pnc_number="2015/0001234Z",
    )
    client = client_for(com)
    for query in ("okon", "MARC", "marcus okonkwo", seen.crn, "b2345cd", "2015/1234z"):
        body = search(client, query).content.decode()
        assert seen.listed_name in body, query
        assert "B2345CD" in body, query
    assert AuditEvent.objects.filter(
        person_id=seen.pk, record_type="search result", operation=Operation.CONSULTATION
    ).exists()


def test_search_shows_other_teams_people_by_name_crn_and_birth_date_only(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    other_com = make_user(Role.COM, "other_team")
    other = make_person(
        given_name="Marcia",
        family_name="Okafor",
        com=other_com,
        pom=None,
        prison_number="C3456DE",
        release_in_days=40,
    )
    body = search(client_for(com), "okafor").content.decode()
    assert other.listed_name in body and other.crn in body
    assert "C3456DE" not in body
    assert "Not your team" in body


def test_partners_and_administrators_find_nobody_they_may_not_see(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    person: Person,
) -> None:
    for role, organisation in ((Role.PARTNER, "partner"), (Role.ADMIN, None)):
        outsider = make_user(role, organisation)
        body = search(client_for(outsider), person.family_name).content.decode()
        assert person.listed_name not in body
        assert "0 results" in body


def test_what_was_searched_for_never_goes_into_a_url(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    client = client_for(com)
    response = client.post(reverse("people:search"), {"q": person.family_name})
    assert response.status_code == 302
    assert person.family_name not in response["Location"]
    results = client.get(response["Location"]).content.decode()
    assert person.listed_name in results
    # Another user cannot replay the results address: the text lives in the session.
    other = client_for(com)
    assert person.listed_name not in other.get(response["Location"]).content.decode()


def test_search_needs_two_characters(client_for: Callable[[User], Client], com: User) -> None:
    body = search(client_for(com), "a").content.decode()
    assert "There is a problem" in body
    assert "Enter at least 2 characters" in body


def test_create_person_with_impossible_dates_keeps_what_was_typed(
    client_for: Callable[[User], Client], com: User
) -> None:
    response = client_for(com).post(
        reverse("people:create"),
        {
            "given_name": "Ada",
            "family_name": "Lovelace",
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "1990",
            "sex": "female",
            "prison_number": "A1234BC",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_date_of_birth-day"' in body
    assert 'value="Lovelace"' in body and 'value="31"' in body and 'value="A1234BC"' in body
    assert not Person.objects.exists()


def test_create_person_future_birth_date_is_refused_by_the_service(
    client_for: Callable[[User], Client], com: User
) -> None:
    response = client_for(com).post(
        reverse("people:create"),
        {
            "given_name": "Ada",
            "family_name": "Lovelace",
            "date_of_birth_day": "1",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2090",
            "sex": "female",
        },
    )
    body = response.content.decode()
    assert "Date of birth must be in the past" in body
    assert 'value="2090"' in body
    assert not Person.objects.exists()


def test_create_person_duplicate_links_to_the_existing_record(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    existing = make_person(prison_number="A1234BC")
    response = client_for(com).post(
        reverse("people:create"),
        {
            "given_name": "Ada",
            "family_name": "Lovelace",
            "date_of_birth_day": "1",
            "date_of_birth_month": "2",
            "date_of_birth_year": "1990",
            "sex": "female",
            "prison_number": "a1234bc",
        },
    )
    body = response.content.decode()
    assert "already has a record" in body
    assert reverse("people:overview", args=[existing.pk]) in body
    assert Person.objects.count() == 1
    # The notice names them: a consultation.
    assert AuditEvent.objects.filter(
        person_id=existing.pk, user=com, operation=Operation.CONSULTATION
    ).exists()


def test_create_person_then_sentence_with_release_before_sentence(
    client_for: Callable[[User], Client], com: User
) -> None:
    client = client_for(com)
    response = client.post(
        reverse("people:create"),
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
    assert response["Location"] == reverse("people:overview", args=[person.pk])
    response = client.post(
        reverse("people:sentence-create", args=[person.pk]),
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
    url = reverse("people:alias-create", args=[person.pk])
    assert "Enter the other name" in client.post(url, {}).content.decode()
    assert client.post(url, {"given_name": "Jay", "family_name": "Moniker"}).status_code == 302
    assert (
        "This name is already recorded"
        in client.post(url, {"given_name": "jay", "family_name": "moniker"}).content.decode()
    )
    overview = client.get(reverse("people:overview", args=[person.pk])).content.decode()
    assert "Jay Moniker" in overview
    assert person.listed_name in search(client, "monik").content.decode()
    assert (
        AuditEvent.objects.filter(
            person_id=person.pk, record_type="alias", operation=Operation.COLLECTION
        ).count()
        == 1
    )


def test_search_accepts_surname_comma_forename_as_tables_list_people(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    wanted = make_person(given_name="Marcus", family_name="Okonkwo")
    other = make_person(given_name="Marcus", family_name="Okafor")
    client = client_for(com)
    for text in (wanted.listed_name, "okonkwo,marcus", "Okonkwo ,  Marc"):
        body = search(client, text).content.decode()
        assert wanted.listed_name in body and other.listed_name not in body, text
    # Only commas: no words, so nobody (not everybody).
    body = search(client, ", ,").content.decode()
    assert "0 results" in body and wanted.listed_name not in body


def test_caseload_audits_each_person_shown(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    make_person: Callable[..., Person],
    settings,
) -> None:
    settings.CASELOAD_PAGE_SIZE = 2
    mine = [make_person(release_in_days=days) for days in (10, 20, 30)]
    colleague = make_user(Role.COM, "team")
    theirs = make_person(release_in_days=40, com=colleague, pom=None)

    def shown_to(user: User) -> list[object]:
        return list(
            AuditEvent.objects.filter(
                user=user, record_type="caseload", operation=Operation.CONSULTATION
            )
            .order_by("id")
            .values_list("person_id", flat=True)
        )

    client = client_for(com)
    client.get(reverse("people:caseload"))
    assert shown_to(com) == [mine[0].pk, mine[1].pk]
    client.get(reverse("people:caseload"), {"page": 2})
    assert shown_to(com) == [mine[0].pk, mine[1].pk, mine[2].pk]
    # A senior probation officer's caseload is the whole team's: each one shown is audited.
    spo = make_user(Role.SPO, "team")
    settings.CASELOAD_PAGE_SIZE = 25
    client_for(spo).get(reverse("people:caseload"))
    assert set(shown_to(spo)) == {p.pk for p in [*mine, theirs]}
    assert len(shown_to(spo)) == 4
