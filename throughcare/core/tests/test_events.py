"""The synchronous publish/subscribe: subscribers called at once, in order, in the caller's
transaction; an exception rolls the publisher's change back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from throughcare.core import events

NAME = "something tested happened"


@pytest.fixture(autouse=True)
def clean() -> Iterator[None]:
    yield
    for callback in events.subscribers(NAME):
        events.unsubscribe(NAME, callback)


def test_publish_calls_subscribers_in_order_with_the_payload() -> None:
    calls: list[tuple[str, dict[str, Any]]] = []
    events.subscribe(NAME, lambda **payload: calls.append(("first", payload)))
    events.subscribe(NAME, lambda **payload: calls.append(("second", payload)))
    events.publish(NAME, person="p", count=2)
    assert calls == [
        ("first", {"person": "p", "count": 2}),
        ("second", {"person": "p", "count": 2}),
    ]


def test_publish_without_subscribers_does_nothing() -> None:
    assert events.subscribers("nobody listens to this") == ()
    events.publish("nobody listens to this")  # no error
    assert events.subscribers("nobody listens to this") == ()


def test_other_events_are_not_delivered() -> None:
    calls: list[dict[str, Any]] = []
    events.subscribe(NAME, lambda **payload: calls.append(payload))
    events.publish("another event", x=1)
    assert calls == []


def test_subscribing_twice_keeps_one_subscription() -> None:
    calls: list[int] = []

    def callback(**payload: Any) -> None:
        calls.append(1)

    events.subscribe(NAME, callback)
    events.subscribe(NAME, callback)
    events.publish(NAME)
    assert calls == [1]
    events.unsubscribe(NAME, callback)
    events.unsubscribe(NAME, callback)  # a second time is ignored
    events.publish(NAME)
    assert calls == [1]


@pytest.mark.django_db
def test_what_a_subscriber_writes_rolls_back_with_the_publishers_change() -> None:
    from throughcare.access.models import Organisation

    def write(**payload: Any) -> None:
        Organisation.objects.create(name=payload["name"], kind=Organisation.Kind.PARTNER)

    events.subscribe(NAME, write)
    with pytest.raises(RuntimeError, match="publisher failed"), transaction.atomic():
        events.publish(NAME, name="Written by the subscriber")
        assert Organisation.objects.filter(name="Written by the subscriber").exists()
        raise RuntimeError("publisher failed")
    assert not Organisation.objects.filter(name="Written by the subscriber").exists()


@pytest.mark.django_db
def test_a_failing_subscriber_rolls_the_publishers_change_back() -> None:
    from throughcare.access.models import Organisation

    def fail(**payload: Any) -> None:
        raise RuntimeError("subscriber failed")

    events.subscribe(NAME, fail)
    with pytest.raises(RuntimeError, match="subscriber failed"), transaction.atomic():
        Organisation.objects.create(name="Rolled back", kind=Organisation.Kind.PARTNER)
        events.publish(NAME)
    assert not Organisation.objects.filter(name="Rolled back").exists()
