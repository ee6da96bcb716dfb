"""Columns on the caseload from other apps (the assessment's risk of serious harm level, OGRS3
band and whether a review is due), declared in their `AppConfig.ready()` with `register`, as
flags are, so that the caseload shows them without this app knowing the app.

A column is worked out in the caseload's one query (`annotations`: expressions on the Person
row, usually a subquery on the person's id), can be sorted on (`sort`: the annotation names,
in order) and shown (`cell`: the table cell for a person, from the annotations).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from throughcare.people.models import Person


@dataclass(frozen=True)
class Column:
    key: str  # the sort key in the URL
    heading: str
    position: int  # after the caseload's own columns, lowest first
    annotations: Callable[[], Mapping[str, Any]]
    sort: tuple[str, ...]
    cell: Callable[[Person], dict[str, Any]]


_registry: dict[str, Column] = {}


def register(column: Column) -> Column:
    _registry[column.key] = column
    return column


def columns() -> list[Column]:
    return sorted(_registry.values(), key=lambda column: (column.position, column.key))


def annotated() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for column in columns():
        found.update(column.annotations())
    return found


def sorts() -> dict[str, tuple[str, ...]]:
    return {column.key: column.sort for column in columns()}
