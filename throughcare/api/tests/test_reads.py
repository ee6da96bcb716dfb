"""The read endpoints: what each caller sees, cursor pages and filters, constant queries per
page, every person shown audited, and limited access hidden from a token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import TODAY, share
from throughcare.access import services as access_services
from throughcare.access.commands import Exclusion, Restriction
from throughcare.access.models import Organisation, Role, User
from throughcare.audit.models import AuditEvent
from throughcare.people.models import Person

from .conftest import Api

pytestmark = pytest.mark.django_db


def _all_pages(api: Api, query: str = "", limit: int = 2) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = ""
    while True:
        response = api.get(f"/people?limit={limit}{query}{cursor}")
        assert response.status_code == 200, response.content
        page = response.json()
        items += page["items"]
        if page["next_cursor"] is None:
            return items
        cursor = f"&cursor={page['next_cursor']}"


def test_people_are_listed_soonest_release_first_across_pages(
    com: User, make_person: Callable[..., Person], api_for: Callable[..., Api]
) -> None:
    later = make_person(release_in_days=90)
    none = make_person()
    sooner = make_person(release_in_days=10)
    middle = make_person(release_in_days=40)
    items = _all_pages(api_for(com))
    assert [i["id"] for i in items] == [str(p.pk) for p in (sooner, middle, later, none)]
    assert items[0]["release_date"] == str(sooner.release_date)


def test_filters_release_range_team_and_allocation(
    com: User,
    pom: User,
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    api_for: Callable[..., Api],
) -> None:
    spo = make_user(Role.SPO, "team")
    colleague = make_user(Role.COM, "team")
    soon = make_person(release_in_days=10)
    later = make_person(release_in_days=100, com=colleague)
    api = api_for(spo)
    window = f"&release_from={TODAY}&release_to={TODAY.replace(year=TODAY.year + 1, month=1)}"
    assert {i["id"] for i in _all_pages(api, window)} == {str(soon.pk)}
    assert {i["id"] for i in _all_pages(api, f"&allocated_to={colleague.pk}")} == {str(later.pk)}
    team = Organisation.objects.get(code="TPT").pk
    assert {i["id"] for i in _all_pages(api, f"&team={team}")} == {str(soon.pk), str(later.pk)}
    other = Organisation.objects.get(code="EPT").pk
    assert _all_pages(api, f"&team={other}") == []


def test_a_page_costs_the_same_queries_for_5_or_25_people(
    com: User, make_person: Callable[..., Person], api_for: Callable[..., Api]
) -> None:
    api = api_for(com)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/people?limit=100")
            assert response.status_code == 200
        return len(captured)

    for _ in range(5):
        make_person(release_in_days=20)
    few = count()
    for _ in range(20):
        make_person(release_in_days=20)
    assert len(api.get("/people?limit=100").json()["items"]) == 25
    assert count() == few


def test_case_notes_page_costs_the_same_queries(
    com: User, person: Person, api_for: Callable[..., Api]
) -> None:
    api = api_for(com)
    note = {"note_type": "contact", "occurred_on": str(TODAY), "text": "Spoke on the phone"}

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"/people/{person.pk}/case-notes?limit=100").status_code == 200
        return len(captured)

    for _ in range(5):
        assert api.post(f"/people/{person.pk}/case-notes", note).status_code == 201
    few = count()
    for _ in range(20):
        api.post(f"/people/{person.pk}/case-notes", note)
    assert count() == few


def test_every_person_listed_is_audited_as_an_api_consultation(
    com: User, make_person: Callable[..., Person], api_for: Callable[..., Api]
) -> None:
    people = [make_person(release_in_days=n) for n in (5, 6, 7)]
    api_for(com).get("/people?limit=2")
    events = AuditEvent.objects.filter(record_type="api list", user=com)
    assert {e.person_id for e in events} == {p.pk for p in people[:2]}
    assert all(e.reason == "channel: api" and e.operation == "consultation" for e in events)


def test_one_person_has_an_etag_and_is_audited(
    com: User, person: Person, api_for: Callable[..., Api]
) -> None:
    response = api_for(com).get(f"/people/{person.pk}")
    assert response["ETag"] == f'"v{person.version}"'
    event = AuditEvent.objects.filter(person_id=person.pk, user=com).latest("id")
    assert (event.operation, event.reason) == ("consultation", "channel: api")


def test_protected_characteristics_only_for_those_holding_the_case(
    com: User,
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    api_for: Callable[..., Api],
) -> None:
    person = make_person(ethnicity="W1", religion="none", nationality="British")
    allocated = api_for(com).get(f"/people/{person.pk}").json()
    assert allocated["protected_characteristics"]["nationality"] == "British"
    spo = api_for(make_user(Role.SPO, "team")).get(f"/people/{person.pk}").json()
    assert spo["protected_characteristics"]["ethnicity"] == "W1"
    team = api_for(make_user(Role.COM, "team")).get(f"/people/{person.pk}").json()
    assert team["protected_characteristics"] is None
    assert "British" not in str(team)


def test_a_restricted_record_is_hidden_from_a_token_not_on_the_list(
    com: User,
    pom: User,
    make_user: Callable[..., User],
    person: Person,
    api_for: Callable[..., Api],
) -> None:
    spo = make_user(Role.SPO, "team")
    service_account = make_user(Role.COM, "team")
    access_services.restrict_to(
        by=spo,
        person=person,
        restriction=Restriction(users=(com,), reason="High profile", lock_out=(pom,)),
    )
    outsider = api_for(service_account)
    for path in ("", "/sentences", "/allocation", "/case-notes"):
        response = outsider.get(f"/people/{person.pk}{path}")
        assert response.status_code == 404, path
        assert person.family_name not in response.content.decode()
    assert outsider.get("/people").json()["items"] == []
    listed = api_for(com)
    assert listed.get(f"/people/{person.pk}").status_code == 200
    assert [i["id"] for i in listed.get("/people").json()["items"]] == [str(person.pk)]


def test_an_excluded_service_account_sees_nothing(
    make_user: Callable[..., User], person: Person, api_for: Callable[..., Api]
) -> None:
    service_account = make_user(Role.COM, "team")
    api = api_for(service_account)
    assert api.get(f"/people/{person.pk}").status_code == 200
    access_services.exclude_user(
        by=make_user(Role.SPO, "team"),
        person=person,
        exclusion=Exclusion(user=service_account, reason="Conflict of interest"),
    )
    assert api.get(f"/people/{person.pk}").status_code == 404
    assert api.get("/people").json()["items"] == []


def test_a_partner_sees_only_the_sections_shared(
    com: User,
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    person: Person,
    api_for: Callable[..., Api],
) -> None:
    partner = api_for(make_user(Role.PARTNER, "partner"))
    assert partner.get("/people").json()["items"] == []
    share(person, com, organisations["partner"], ["sentence"])
    [item] = partner.get("/people").json()["items"]
    assert item["release_date"] == str(person.release_date)
    assert item["date_of_birth"] is None and item["prison_number"] is None
    assert item["pom"] is None and item["com"] is None
    assert partner.get(f"/people/{person.pk}/sentences").status_code == 200
    assert partner.get(f"/people/{person.pk}").status_code == 403
    assert partner.get(f"/people/{person.pk}/allocation").status_code == 403
    # Not matched by a filter on what is not shared.
    team = organisations["team"].pk
    assert partner.get(f"/people?team={team}").json()["items"] == []


def test_sentences_and_allocation(
    com: User, pom: User, person: Person, api_for: Callable[..., Api]
) -> None:
    api = api_for(com)
    [sentence] = api.get(f"/people/{person.pk}/sentences").json()["items"]
    assert sentence["key_dates"]["crd"] == str(person.release_date)
    allocation = api.get(f"/people/{person.pk}/allocation")
    assert allocation.json()["com"]["id"] == com.pk
    assert allocation.json()["pom"]["id"] == pom.pk
    assert allocation["ETag"] == f'"v{person.version}"'


def test_bad_input_is_400_or_422_in_the_error_shape(
    com: User, person: Person, api_for: Callable[..., Api]
) -> None:
    api = api_for(com)
    cases = [
        ("/people?cursor=not-a-cursor", 400),
        ("/people?cursor=WyJ4Il0", 400),  # ["x"]: the wrong number of parts
        ("/people?release_from=yesterday", 422),
        ("/people?limit=0", 422),
        (f"/people?team={2**64}", 422),
        ("/people/not-a-uuid", 422),
        (f"/people/{person.pk}/case-notes?cursor=WyJ4IiwieSIsInoiXQ", 400),
    ]
    for path, status in cases:
        response = api.get(path)
        assert response.status_code == status, (path, response.content)
        assert set(response.json()) == {"code", "message", "fields"}
    malformed = api.post("/people", "{not json")
    assert malformed.status_code == 400
    assert malformed.json()["code"] == "malformed"
    missing = api.post("/people", {"given_name": "Only"})
    assert missing.status_code == 422
    assert {"family_name", "date_of_birth", "sex"} <= set(missing.json()["fields"])
