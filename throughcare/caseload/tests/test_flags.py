"""Flags on the caseload: each app's tags beside the people they flag, one query a page."""

from collections.abc import Callable, Collection, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import User
from throughcare.caseload import flags
from throughcare.people import services
from throughcare.people.commands import NewAlias
from throughcare.people.models import Alias, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_flag() -> Iterator[list[Any]]:
    """A flag for the people named in the list it yields, counting the pages it is asked for."""
    wanted: list[Any] = []
    asked: list[int] = []

    def flagged(ids: Collection[Any]) -> set[Any]:
        asked.append(len(ids))
        list(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))  # one query
        return {pk for pk in ids if pk in wanted}

    saved = dict(flags._registry)
    flags.register(flags.Flag("test", "Needs a look", "red", 1, flagged))
    yield wanted
    flags._registry.clear()
    flags._registry.update(saved)


def test_a_flag_tags_only_the_people_it_flags(
    client_for: Callable[[User], Client],
    com: User,
    make_person: Callable[..., Person],
    demo_flag: list[Any],
) -> None:
    flagged, plain = make_person(), make_person()
    demo_flag.append(flagged.pk)
    page = client_for(com).get(reverse("caseload:caseload")).content.decode()
    row_of = {p: page[page.index(p.crn) - 400 : page.index(p.crn)] for p in (flagged, plain)}
    assert "Needs a look" in row_of[flagged] and "Needs a look" not in row_of[plain]
    assert page.count("Needs a look") == 1


def test_flags_cost_one_query_a_page_however_many_people(
    client_for: Callable[[User], Client],
    com: User,
    make_person: Callable[..., Person],
    demo_flag: list[Any],
) -> None:
    client = client_for(com)
    make_person()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("caseload:caseload"))
    for _ in range(6):
        demo_flag.append(make_person().pk)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("caseload:caseload")).content.decode()
    assert len(many) == len(few) and page.count("Needs a look") == 6


def test_a_person_a_flag_names_twice_has_its_tag_once(
    make_person: Callable[..., Person], demo_flag: list[Any]
) -> None:
    person = make_person()
    demo_flag.append(person.pk)
    saved = flags._registry["test"]
    flags.register(flags.Flag("test", "Needs a look", "red", 1, lambda ids: [person.pk, person.pk]))
    assert [flag.key for flag in flags.flags_for([person.pk])[person.pk]] == ["test"]
    flags.register(saved)


def test_flags_that_answer_with_a_query_are_asked_in_one(
    com: User, make_person: Callable[..., Person], demo_flag: list[Any]
) -> None:
    """Two flags answering with queries of different tables, and one answering with ids: the
    two queries go as one (UNION ALL); each person gets the tags of the flags that name them,
    in the flags' order, once however many rows name them."""
    with_alias, with_two, plain, named = make_person(), make_person(), make_person(), make_person()
    for person, family_names in ((with_alias, ["Smith"]), (with_two, ["Jones", "Brown"])):
        for family_name in family_names:
            services.add_alias(user=com, person=person, alias=NewAlias(family_name=family_name))
    demo_flag.append(named.pk)
    flags.register(
        flags.Flag(
            "aliases",
            "Other names",
            "grey",
            2,
            lambda ids: Alias.objects.filter(person_id__in=list(ids)),
        )
    )
    flags.register(
        flags.Flag(
            "two-aliases",
            "Two other names",
            "blue",
            3,
            lambda ids: Alias.objects.filter(
                person_id__in=list(ids), family_name__in=["Jones", "Brown"]
            ),
        )
    )
    for key in list(flags._registry):
        if key not in ("test", "aliases", "two-aliases"):
            del flags._registry[key]  # the fixture puts them back
    ids = [p.pk for p in (with_alias, with_two, plain, named)]
    with CaptureQueriesContext(connection) as asked:
        shown = flags.flags_for(ids)
    assert {pk: [flag.key for flag in found] for pk, found in shown.items()} == {
        with_alias.pk: ["aliases"],
        with_two.pk: ["aliases", "two-aliases"],
        named.pk: ["test"],
    }
    # The demo flag's own query, and one for both of the others.
    assert len(asked) == 2 and "UNION ALL" in asked[1]["sql"].upper()
