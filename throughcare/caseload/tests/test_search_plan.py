"""A name search finds people by any of their names, and on PostgreSQL reads only the matches:
the trigram indexes of the names and other names, combined in one bitmap (issue 15: a 3-letter
search at 250,000 people), never a scan of everyone."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from throughcare.access.models import User
from throughcare.caseload import queries
from throughcare.people import services
from throughcare.people.commands import NewAlias
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _plan(query: str, params: Any) -> str:
    with connection.cursor() as cursor:
        # With the few rows of a test the planner would rather read the table through, or walk
        # any index; it is told to use bitmaps only, so that the plan shows whether the name
        # conditions themselves can be served by indexes.
        for method in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {query}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("other_names", [0, 3], ids=["no other names", "other names"])
def test_a_name_search_finds_by_any_name_and_reads_only_the_matches(
    other_names: int, com: User, make_person: Callable[..., Person]
) -> None:
    by_family = make_person(family_name="Smithers")
    by_given = make_person(given_name="Smilla", family_name="Berg")
    others = [make_person(family_name=f"Jones{n}") for n in range(other_names)]
    for person in others:
        services.add_alias(
            user=com, person=person, alias=NewAlias(given_name="Ann", family_name="Smitham")
        )
    for n in range(20):
        make_person(family_name=f"Brown{n}", given_name="Tom")

    found = queries.search(com, "smi")

    assert set(found) == {by_family, by_given, *others}
    if connection.vendor != "postgresql":
        return
    query, params = found.query.sql_with_params()
    plan = _plan(query, params)
    assert "Seq Scan on people_person" not in plan, plan
    # The people are read by a bitmap of the name conditions: they are its Recheck Cond, not a
    # filter over everyone.
    lines = plan.splitlines()
    heap = next(n for n, line in enumerate(lines) if "Bitmap Heap Scan on people_person" in line)
    assert "Recheck Cond:" in lines[heap + 1] and "%SMI%" in lines[heap + 1], plan
    for index in ("given", "family", "middle", "preferred", "other"):
        assert f"Bitmap Index Scan on person_{index}_trgm" in plan, plan
    assert "people_alias" not in plan, plan
