"""A tiny synchronous publish/subscribe, so that an app lower in the layers can tell one
higher up that something happened without importing it (an urgent concern recorded in
casework marks the assessment "review due").

`publish` calls every subscriber at once, in the order they subscribed, inside the caller's
transaction: what a subscriber writes commits or rolls back with the change that caused it,
and an exception in a subscriber propagates to the publisher (so the whole change fails
rather than half of it). Apps subscribe in `AppConfig.ready()`; subscribing the same
callback twice to an event keeps one subscription.

Events and their payloads:
- "urgent concern recorded": user, person, concern;
- "acute change recorded": user, person, note (the case note), change (its `acute_change`);
- "community address changed": user, person (as saved, with the new address).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Subscriber = Callable[..., None]

URGENT_CONCERN_RECORDED = "urgent concern recorded"
ACUTE_CHANGE_RECORDED = "acute change recorded"
COMMUNITY_ADDRESS_CHANGED = "community address changed"

_subscribers: dict[str, list[Subscriber]] = {}


def subscribe(name: str, callback: Subscriber, /) -> None:
    """Calls `callback(**payload)` whenever `name` is published."""
    callbacks = _subscribers.setdefault(name, [])
    if callback not in callbacks:
        callbacks.append(callback)


def unsubscribe(name: str, callback: Subscriber) -> None:
    """Stops a subscription (tests); one that does not exist is ignored."""
    callbacks = _subscribers.get(name, [])
    if callback in callbacks:
        callbacks.remove(callback)


def subscribers(name: str) -> tuple[Subscriber, ...]:
    return tuple(_subscribers.get(name, ()))


def publish(name: str, /, **payload: Any) -> None:
    """Tells every subscriber of `name`, now, in the caller's transaction."""
    for callback in subscribers(name):
        callback(**payload)
