"""What is typed into search cannot break it: control characters match nobody and are never a
500 (PostgreSQL refuses a NUL byte in a query; SQLite cut the pattern short at it, so it
matched every findable person)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from conftest import search
from throughcare.access.models import User
from throughcare.audit.models import AuditEvent
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["\x00", "\x00\x00", "Zz\x00", "\x00%", "\x1f\x7f"])
def test_control_characters_find_nobody(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person], typed: str
) -> None:
    people = [make_person(), make_person()]
    response = search(client_for(com), typed)
    assert response.status_code == 200
    body = response.content.decode()
    for person in people:
        assert person.listed_name not in body
    assert not AuditEvent.objects.filter(record_type="search result").exists()


def test_control_characters_inside_a_name_are_ignored(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person(family_name="Okafor")
    body = search(client_for(com), "Oka\x00for").content.decode()
    assert person.listed_name in body
