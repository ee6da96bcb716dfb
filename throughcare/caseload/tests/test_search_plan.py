"""A name search finds people by any of their names, and on PostgreSQL reads only the matches:
the names' trigram indexes and the primary key, combined in one bitmap (issue 15: a 3-letter
search at 250,000 people), never a scan of everyone."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from throughcare.access.models import User
from throughcare.caseload import queries
from throughcare.people.models import Alias, Person

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
        Alias.objects.create(person=person, given_name="Ann", family_name="Smitham")
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
    assert "Bitmap Index Scan on person_family_trgm" in plan, plan
    assert "Bitmap Index Scan on person_given_trgm" in plan, plan
    # The people with a matching other name are looked up by primary key within the same
    # bitmap, not by walking the whole primary key index.
    pkey = [line for line in plan.splitlines() if "people_person_pkey" in line]
    assert all("Bitmap Index Scan" in line for line in pkey), plan
    assert bool(pkey) == bool(other_names), plan


def test_more_other_names_than_a_list_takes_still_find_everyone(
    monkeypatch: pytest.MonkeyPatch, com: User, make_person: Callable[..., Person]
) -> None:
    """Beyond ALIAS_IDS matching other names the search reads them by a subquery instead (a
    list of ids that long would be slow to send, and PostgreSQL takes at most 65,535
    parameters): the people found are the same."""
    others = [make_person(family_name=f"Jones{n}") for n in range(3)]
    for person in others:
        Alias.objects.create(person=person, given_name="Ann", family_name="Smitham")
    by_family = make_person(family_name="Smithers")
    as_list = set(queries.search(com, "smi"))
    monkeypatch.setattr(queries, "ALIAS_IDS", 2)
    by_subquery = queries.search(com, "smi")
    assert as_list == set(by_subquery) == {by_family, *others}
    if connection.vendor == "postgresql":
        query, _ = by_subquery.query.sql_with_params()
        assert "people_alias" in query
