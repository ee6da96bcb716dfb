from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import search
from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_sign_in_is_required(client: Client, person: Person) -> None:
    for url in (reverse("caseload:caseload"), reverse("record:overview", args=[person.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("access:sign-in"))


def test_caseload_lists_my_people_with_release_dates(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    mine = make_person(release_in_days=20)
    response = client_for(com).get(reverse("caseload:caseload"))
    assert response.status_code == 200
    body = response.content.decode()
    assert mine.listed_name in body and mine.crn in body
    assert "HMP Testmoor" in body
    assert response["Cache-Control"] == "no-store"


def test_the_caseload_reads_its_offender_managers_names_not_their_password_hashes(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    pom: User,
    com: User,
    make_person: Callable[..., Person],
) -> None:
    make_person(release_in_days=20)
    spo = make_user(Role.SPO)
    with CaptureQueriesContext(connection) as asked:
        body = client_for(spo).get(reverse("caseload:caseload")).content.decode()
    assert pom.full_name in body and com.full_name in body  # shown to the SPO
    listed = [q["sql"] for q in asked if 'FROM "people_person"' in q["sql"] and "LIMIT" in q["sql"]]
    assert listed and all('"password"' not in sql for sql in listed)


def test_caseload_filter_releasing_in_the_next_12_weeks(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    soon = make_person(release_in_days=20)
    later = make_person(release_in_days=200)
    body = client_for(com).get(reverse("caseload:caseload"), {"releasing": "soon"}).content.decode()
    assert soon.listed_name in body
    assert later.listed_name not in body


def test_caseload_sorts_by_release_date_both_ways(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    early = make_person(release_in_days=10)
    late = make_person(release_in_days=100)
    client = client_for(com)
    ascending = client.get(reverse("caseload:caseload"), {"sort": "release"}).content.decode()
    assert ascending.index(early.listed_name) < ascending.index(late.listed_name)
    descending = client.get(
        reverse("caseload:caseload"), {"sort": "release", "order": "desc"}
    ).content.decode()
    assert descending.index(late.listed_name) < descending.index(early.listed_name)


def test_caseload_is_paginated(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person], settings
) -> None:
    settings.CASELOAD_PAGE_SIZE = 2
    for days in (10, 20, 30):
        make_person(release_in_days=days)
    client = client_for(com)
    first = client.get(reverse("caseload:caseload")).content.decode()
    second = client.get(reverse("caseload:caseload"), {"page": 2}).content.decode()
    assert first.count("/people/") - second.count("/people/") >= 1
    assert "govuk-pagination" in first


def _queries(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("caseload:caseload", {}),
        ("caseload:caseload", {"releasing": "soon"}),
        ("caseload:search", {"s": "saved"}),
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
    response = client.post(reverse("caseload:search"), {"q": person.family_name})
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
        reverse("caseload:create"),
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
        reverse("caseload:create"),
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
        reverse("caseload:create"),
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
    assert reverse("record:overview", args=[existing.pk]) in body
    assert Person.objects.count() == 1
    # The notice names them: a consultation.
    assert AuditEvent.objects.filter(
        person_id=existing.pk, user=com, operation=Operation.CONSULTATION
    ).exists()


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
    client.get(reverse("caseload:caseload"))
    assert shown_to(com) == [mine[0].pk, mine[1].pk]
    client.get(reverse("caseload:caseload"), {"page": 2})
    assert shown_to(com) == [mine[0].pk, mine[1].pk, mine[2].pk]
    # A senior probation officer's caseload is the whole team's: each one shown is audited.
    spo = make_user(Role.SPO, "team")
    settings.CASELOAD_PAGE_SIZE = 25
    client_for(spo).get(reverse("caseload:caseload"))
    assert set(shown_to(spo)) == {p.pk for p in [*mine, theirs]}
    assert len(shown_to(spo)) == 4


def test_search_counts_its_matches_up_to_a_limit_and_says_when_there_are_more(
    monkeypatch: pytest.MonkeyPatch,
    client_for: Callable[[User], Client],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    from throughcare.caseload import views

    monkeypatch.setattr(views, "SEARCH_COUNTS_TO", 3)
    people = [make_person(family_name=f"Counted{letter}") for letter in "DCBA"]
    client = client_for(com)

    body = search(client, "Counted").content.decode()
    assert "More than 3 results" in body and "first 3 by last name" in body
    # The first three by last name, and no page beyond them.
    shown = [person for person in people if person.listed_name in body]
    assert [p.family_name for p in shown] == ["CountedC", "CountedB", "CountedA"]
    assert "CountedD" not in body

    monkeypatch.setattr(views, "SEARCH_COUNTS_TO", 4)
    body = search(client, "Counted").content.decode()
    assert "4 results" in body and "More than" not in body

    # Pages read their people in the results' order: the second page of two a page.
    with override_settings(SEARCH_PAGE_SIZE=2):
        response = search(client, "Counted")
        second = client.get(f"{response.redirect_chain[-1][0]}&page=2").content.decode()
    assert [p.family_name for p in people if p.listed_name in second] == ["CountedD", "CountedC"]
