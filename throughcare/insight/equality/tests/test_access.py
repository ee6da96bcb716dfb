"""Only a senior probation officer sees the team's equality and fairness figures; each page
takes the same number of queries however many people there are."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import Role, User

from .conftest import Seeded

pytestmark = pytest.mark.django_db

PAGES = (
    "insight_equality:equality",
    "insight_equality:equality-csv",
    "insight_equality:fairness",
    "insight_equality:fairness-csv",
)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("role", "organisation", "status"),
    [
        (Role.SPO, "team", 200),
        (Role.COM, "team", 403),
        (Role.POM, "prison", 403),
        (Role.PARTNER, "partner", 403),
        (Role.ADMIN, None, 403),
    ],
)
def test_only_a_senior_probation_officer_may_see_the_figures(
    make_user: Callable[..., User],
    client_for: Callable[[User], Client],
    name: str,
    role: str,
    organisation: str | None,
    status: int,
) -> None:
    response = client_for(make_user(role, organisation)).get(reverse(name))
    assert response.status_code == status


def test_the_figures_are_the_officers_own_teams(
    make_user: Callable[..., User],
    seed: Callable[..., list[Seeded]],
    client_for: Callable[[User], Client],
) -> None:
    seed(31, rng=random.Random(1))
    other = make_user(Role.SPO, "other_team")
    page = client_for(other).get(reverse("insight_equality:equality")).content.decode()
    assert "released fewer than 30 people" in page and "31 people released" not in page
    own = client_for(make_user(Role.SPO, "team")).get(reverse("insight_equality:equality"))
    assert "31 people released" in own.content.decode()


def _count(client: Client, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
        return len(captured.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_is_constant_in_the_number_of_people(
    spo: User,
    seed: Callable[..., list[Seeded]],
    client_for: Callable[[User], Client],
    name: str,
) -> None:
    rng = random.Random(2)
    client = client_for(spo)
    seed(3, rng=rng)
    few = _count(client, name)
    seed(40, rng=rng, sex="female", ethnicity="W1")
    assert _count(client, name) == few
    # 3 for the request (session, the user with the header's count of what needs attention,
    # two-factor device), 2 for the people and their assessments (`cohort.members`), 2 for the
    # audit append (its shard's lock with its last hash, then the event, with no savepoint)
    assert few == 3 + 2 + 2
