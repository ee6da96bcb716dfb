"""The log of setbacks and lapses (P35): when, which, what happened and the response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock

from ..models import Setback
from .common import choice, day, may_edit, raise_problems, text

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

FIELDS = ("occurred_on", "kind", "what_happened", "response")


def check_setback(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    occurred_on = day(
        problems, data, "occurred_on", "The date it happened", missing="Enter the date it happened"
    )
    if occurred_on is not None and occurred_on > clock.today():
        problems["occurred_on"] = "The date it happened must be today or in the past"
    choice(problems, data, "kind", Setback.Kind.values, "Select setback or lapse")
    text(problems, data, "what_happened", "What happened", missing="Enter what happened")
    text(problems, data, "response", "The response", missing="Enter the response")
    raise_problems(problems)


@transaction.atomic
def record_setback(*, user: User, person: Person, data: Mapping[str, Any]) -> Setback:
    may_edit(user, person)
    values: dict[str, Any] = {name: data.get(name) for name in FIELDS}
    check_setback(values)
    setback = Setback.objects.create(
        person=person,
        created_by=user,
        occurred_on=values["occurred_on"],
        kind=values["kind"],
        what_happened=str(values["what_happened"]).strip(),
        response=str(values["response"]).strip(),
    )
    record_for(setback, user=user, operation=Operation.COLLECTION, fields=list(FIELDS))
    return setback
