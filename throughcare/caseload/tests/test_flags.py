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
from throughcare.people.models import Person

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
