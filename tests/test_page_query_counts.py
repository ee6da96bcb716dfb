"""The main pages take the same number of queries however many people the service holds, on
the user's caseload, in their team and elsewhere, and however many of them a search finds:
the caseload (an officer's and a senior probation officer's), the person overview, the
timeline, a name search with its results and adding a case note. Each page's number is also
pinned, so that a change that adds work to every request is seen (issue 15, "the cost of one
request"): 3 for the request itself (session; the user, read with the header's count of what
needs their attention; the two-factor device); on a person's pages 1 for the person, read with
how limited access applies to the user and the open urgent concerns its banner names; 2 for
each audit append (the chain's lock with its last hash, in one round trip on PostgreSQL; the
event), and no savepoint: in a request of its own an append also has its transaction's begin
and commit, but here the test's transaction holds it; and 1 on the caseload for each flag (an
open urgent concern, an overdue information request, an open barrier...). A list of a
person's entries that fits on one page is read in one query, a longer one is counted too
(`core.paging`): the timeline here, of a person with no notes, reads them once (with one note,
after adding it, too). The same on both databases."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.people.models import Alias, Person

pytestmark = pytest.mark.django_db

NOTE = {
    "note_type": "contact",
    "occurred_on_day": "20",
    "occurred_on_month": "11",
    "occurred_on_year": "2026",
    "text": "Telephone contact about housing on release.",
}


def _count(client: Client, method: str, url: str, data: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        get = method == "get"
        response = client.get(url) if get else client.post(url, data or {}, follow=True)
        assert response.status_code == 200
        # Read before another request clears the log the context reads.
        return len(captured.captured_queries)


def _grow(
    make_person: Callable[..., Person], make_user: Callable[..., User], com: User, times: int
) -> None:
    """More people on the COM's caseload, in their team and in another team, each with an
    other name that the search also finds."""
    colleague = make_user(Role.COM, "team")
    stranger = make_user(Role.COM, "other_team")
    for n in range(times):
        for officer in (com, colleague, stranger):
            person = make_person(com=officer, family_name=f"Searchable{n}{officer.pk}")
            Alias.objects.create(person=person, given_name="Alias", family_name="Searchable")


# The page, how it is asked for, and the number of queries it takes.
PAGES = {
    # The caseload: the flags that answer with a query in one, the others one or two each.
    "caseload": ("get", lambda person: reverse("caseload:caseload"), None, 10),
    "person overview": (
        "get",
        lambda person: reverse("record:overview", args=[person.pk]),
        None,
        9,
    ),
    "timeline": (
        "get",
        lambda person: reverse("casework:activity", args=[person.pk]),
        None,
        7,
    ),
    "search by name, and its results": (
        "post",
        lambda person: reverse("caseload:search"),
        {"q": "Searchable"},
        14,
    ),
    "adding a case note, and the timeline after": (
        "post",
        lambda person: reverse("casework:activity", args=[person.pk]),
        NOTE,
        18,
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_main_page_takes_the_same_queries_for_a_few_people_as_for_many(
    page: str,
    client_for: Callable[[User], Client],
    make_person: Callable[..., Person],
    make_user: Callable[..., User],
    com: User,
) -> None:
    method, url, data, expected = PAGES[page]
    person = make_person(family_name="Searchable")
    client = client_for(com)
    _grow(make_person, make_user, com, 1)
    few = _count(client, method, url(person), data)
    _grow(make_person, make_user, com, 12)
    many = _count(client, method, url(person), data)
    assert (few, many) == (expected, expected)


def test_a_senior_probation_officers_caseload_takes_the_same_queries_for_a_bigger_team(
    client_for: Callable[[User], Client],
    make_person: Callable[..., Person],
    make_user: Callable[..., User],
    com: User,
) -> None:
    spo = client_for(make_user(Role.SPO, "team"))
    url = reverse("caseload:caseload")
    _grow(make_person, make_user, com, 1)
    few = _count(spo, "get", url)
    _grow(make_person, make_user, com, 12)
    assert _count(spo, "get", url) == few == 10
