"""Flags on the caseload: a tag beside a person's name for something that needs acting on
(an open urgent concern, an overdue information request).

Each app that has such a thing declares a `Flag` in its `AppConfig.ready()` with
`register(Flag(...))`, as it declares its sections of the record, so that the caseload shows
it without this app knowing the app. A flag answers for a whole page of people at once (one
query, however many people), so the caseload's query count stays constant. A flag that answers
with a query (a QuerySet of rows with a `person_id`, not yet run) is asked together with the
other flags that do, in one query (UNION ALL): one round trip for them all.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import IntegerField, QuerySet, Value


@dataclass(frozen=True)
class Flag:
    """- key: its name;
    - label: the tag's text ("Urgent concern");
    - colour: the GOV.UK tag modifier ("red", "orange"...);
    - position: its place among the tags, lowest first;
    - flagged: given the ids of the people on the page, the ids of those it flags, or a query
      of rows whose `person_id` is one of those it flags (a person may come more than once)."""

    key: str
    label: str
    colour: str
    position: int
    flagged: Callable[[Collection[Any]], Iterable[Any] | QuerySet[Any]]


_registry: dict[str, Flag] = {}


def register(flag: Flag) -> Flag:
    _registry[flag.key] = flag
    return flag


def flags() -> list[Flag]:
    return sorted(_registry.values(), key=lambda flag: (flag.position, flag.key))


def flags_for(person_ids: Collection[Any]) -> dict[Any, list[Flag]]:
    """Each person's flags, for a page of people (nothing is asked for an empty page); the flags
    that answer with a query are asked in one."""
    shown: dict[Any, list[Flag]] = {}
    if not person_ids:
        return shown
    found: dict[str, set[Any]] = {}
    asked: list[QuerySet[Any]] = []
    keys: list[str] = []
    for flag in flags():
        answer = flag.flagged(person_ids)
        if isinstance(answer, QuerySet):
            number = Value(len(keys), output_field=IntegerField())
            asked.append(answer.order_by().values_list("person_id", number))
            keys.append(flag.key)
        else:
            found[flag.key] = set(answer)
    if asked:
        rows = asked[0].union(*asked[1:], all=True) if len(asked) > 1 else asked[0]
        for key in keys:
            found[key] = set()
        for person_id, number in rows:
            found[keys[number]].add(person_id)
    for flag in flags():
        for person_id in found[flag.key]:
            shown.setdefault(person_id, []).append(flag)
    return shown
