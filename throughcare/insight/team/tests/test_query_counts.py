"""The team view takes the same number of queries for a small team as for a larger one, as
tests/test_page_query_counts.py asks of the main pages, whoever looks (a senior probation
officer over the team, a community offender manager over their own) and for a list behind a
figure too. The number is pinned: 3 for the request (session; the user, read with the header's
count of what needs attention; two-factor device), 1 for the team's people, 1 for those
releasing, 4 for their needs, readiness and plans (the plan's goals and steps), 1 each for
concerns, requests, assessments and reviews, 3 for the handovers (those not accepted, their
sentences, their MAPPA levels), and the audit append (2: its shard's lock with the last hash,
then the events), the same on both databases; a list of people with something to act on reads
them by name (1 more)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning.release.tests import helpers as release
from throughcare.planning.resettlement.tests import helpers as plan
from throughcare.planning.running import services as running
from throughcare.planning.running.tests import helpers as events

from . import helpers

pytestmark = pytest.mark.django_db
TEAM = reverse("insight_team:view")


def _count(client: Client, query: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(TEAM, query)
        assert response.status_code == 200
        return len(captured.captured_queries)


def _grow(
    make_person: Callable[..., Person],
    officers: list[User],
    pom: User,
    asked: User,
    times: int,
) -> None:
    """For each officer, people with everything the view counts: releasing soon and later
    with a checklist and a plan, an urgent concern, an overdue request, an assessment awaiting
    countersignature, a review due and a handover late."""
    for _ in range(times):
        for officer in officers:
            soon = make_person(com=officer, release_in_days=5)
            release.checklist(pom, soon, bank_status="not yet")
            goal = plan.goal(pom, soon)
            plan.step(pom, goal, due_date=clock.today())
            later = make_person(com=officer, release_in_days=40)
            events.urgent_concern(officer, later)
            helpers.overdue_request(officer, asked, later)
            assessed = make_person(com=officer, release_in_days=300)
            helpers.awaiting_countersignature(officer, assessed)
            running.schedule_review(
                user=officer, person=assessed, due_on=clock.today(), reason="scheduled"
            )


@pytest.mark.parametrize(
    ("show", "queries"), [("", 17), ("no-bank-2-weeks", 17), ("urgent-concerns", 18)]
)
def test_the_team_view_takes_the_same_queries_for_a_bigger_team(
    show: str,
    queries: int,
    client_for: Callable[[User], Client],
    make_person: Callable[..., Person],
    make_user: Callable[..., User],
    com: User,
    pom: User,
) -> None:
    colleague = make_user(Role.COM, "team")
    spo = client_for(make_user(Role.SPO, "team"))
    officer = client_for(com)
    query = {"show": show} if show else {}
    asked = make_user(Role.POM, "prison")
    _grow(make_person, [com, colleague], pom, asked, 1)
    few = (_count(spo, query), _count(officer, query))
    _grow(make_person, [com, colleague], pom, asked, 6)
    for n in range(30):  # many more people shown (the audit appends them in bulk either way)
        make_person(com=(com, colleague)[n % 2], release_in_days=20 + n)
    many = (_count(spo, query), _count(officer, query))
    assert few == many == (queries, queries)
