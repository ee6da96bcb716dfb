from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User
from throughcare.audit import chain, services
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_each_event_chains_to_the_one_before(com: User) -> None:
    first = services.record(user=com, operation=Operation.CONSULTATION, record_type="person")
    services.record_many(
        user=com,
        operation=Operation.CONSULTATION,
        record_type="search result",
        records=[(None, "a"), (None, "b")],
    )
    events = list(AuditEvent.objects.order_by("id"))
    assert events[0] == first and first.previous_hash == chain.genesis(first.shard)
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash
        assert after.hash == chain.hash_of(after)


def test_the_hash_changes_when_the_content_changes(com: User) -> None:
    event = services.record(user=com, operation=Operation.CONSULTATION, record_type="person")
    event.reason = "edited later"
    assert chain.hash_of(event) != event.hash


def test_events_carry_the_request_id_of_the_page_that_caused_them(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    client = client_for(com)
    response = client.get(reverse("record:overview", args=[person.pk]))
    event = AuditEvent.objects.filter(operation=Operation.CONSULTATION).get(person_id=person.pk)
    assert response["X-Request-Id"] == event.request_id
