"""Every change to release options, their evaluations, barriers, restrictions and victim
liaison consultations: each checks, writes in one transaction and records its audit event in
that same transaction. `check_*` report every problem in the fields they are given, for the
pages (`ui.errors.check_form`); the writes call them again."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.casework.sources import Source
from throughcare.core import clock
from throughcare.rules.places import Area

from ..models import (
    SHORT_LIMIT,
    Barrier,
    LiaisonConsultation,
    Restriction,
)

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

from ..checks import raise_if, text
from .common import _may_edit

# Barriers ------------------------------------------------------------------------------------


def check_barrier(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    if "kind" in data and data["kind"] not in Barrier.Kind.values:
        problems["kind"] = "Select the kind of barrier"
    text(problems, data, "description", "The barrier", required=True)
    text(problems, data, "challenge", "How it is being challenged")
    text(problems, data, "challenged_by", "Who is challenging it", limit=SHORT_LIMIT)
    text(problems, data, "outcome", "The outcome")
    if data.get("resolved") and "outcome" in data and not str(data["outcome"] or "").strip():
        problems["outcome"] = "Enter the outcome before marking the barrier resolved"
    option = data.get("option")
    person = data.get("person")
    if option is not None and person is not None and option.person_id != person.pk:
        problems["option"] = "Select one of this person's options"
    raise_if(problems)


BARRIER_FIELDS = ("kind", "description", "challenge", "challenged_by", "outcome")


@transaction.atomic
def record_barrier(*, user: User, person: Person, data: Mapping[str, Any]) -> Barrier:
    _may_edit(user, person)
    check_barrier({**data, "person": person})
    barrier = Barrier(person=person, created_by=user, option=data.get("option"))
    for name in BARRIER_FIELDS:
        setattr(barrier, name, str(data.get(name) or "").strip())
    if data.get("resolved"):
        barrier.resolved_at = clock.now()
    barrier.save()
    record_for(
        barrier,
        user=user,
        operation=Operation.COLLECTION,
        fields=[*BARRIER_FIELDS, "option", "resolved_at"],
    )
    return barrier


@transaction.atomic
def update_barrier(*, user: User, barrier: Barrier, data: Mapping[str, Any]) -> Barrier:
    """How it is challenged, by whom and the outcome; resolved once there is an outcome."""
    _may_edit(user, barrier.person)
    check_barrier({**data, "kind": barrier.kind, "description": barrier.description})
    current = Barrier.objects.select_for_update().get(pk=barrier.pk)
    changed = []
    for name in ("challenge", "challenged_by", "outcome"):
        value = str(data.get(name) or "").strip()
        if value != getattr(current, name):
            setattr(current, name, value)
            changed.append(name)
    if bool(data.get("resolved")) != (current.resolved_at is not None):
        current.resolved_at = clock.now() if data.get("resolved") else None
        changed.append("resolved_at")
    if changed:
        current.updated_by = user
        current.version += 1
        current.save()
        record_for(current, user=user, operation=Operation.ALTERATION, fields=changed)
    return current


# Restrictions and victim liaison -----------------------------------------------------------------


def check_restriction(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    if "kind" in data and data["kind"] not in Restriction.Kind.values:
        problems["kind"] = "Select the restriction"
    excluded = data.get("kind") == Restriction.Kind.EXCLUSION
    if excluded and "area" in data and not Area.parse(str(data["area"] or "")):
        problems["area"] = "Enter the area they are excluded from"
    text(problems, data, "area", "The area", limit=2000)
    text(problems, data, "details", "Details")
    raise_if(problems)


@transaction.atomic
def add_restriction(
    *, user: User, person: Person, kind: str, area: str, details: str, source: Source
) -> Restriction:
    _may_edit(user, person)
    check_restriction({"kind": kind, "area": area, "details": details})
    source.check(clock.today())
    restriction = Restriction(
        person=person,
        created_by=user,
        kind=kind,
        area=area.strip() if kind == Restriction.Kind.EXCLUSION else "",
        details=details.strip(),
    )
    source.apply_to(restriction)
    restriction.save()
    record_for(
        restriction,
        user=user,
        operation=Operation.COLLECTION,
        fields=["kind", "area", "details", "source_kind", "obtained_on"],
    )
    return restriction


def check_consultation(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    text(problems, data, "summary", "What they said", required=True)
    raise_if(problems)


@transaction.atomic
def add_consultation(
    *, user: User, person: Person, summary: str, source: Source
) -> LiaisonConsultation:
    _may_edit(user, person)
    check_consultation({"summary": summary})
    source.check(clock.today())
    consultation = LiaisonConsultation(person=person, created_by=user, summary=summary.strip())
    source.apply_to(consultation)
    consultation.save()
    record_for(
        consultation,
        user=user,
        operation=Operation.COLLECTION,
        fields=["summary", "source_kind", "obtained_on"],
    )
    return consultation


def source_from(data: Mapping[str, Any]) -> Source:
    return Source(
        kind=str(data.get("source_kind") or ""),
        obtained_on=data.get("obtained_on") or clock.today(),
        name=str(data.get("source_name") or ""),
        role=str(data.get("source_role") or ""),
    )


def check_source(data: Mapping[str, Any]) -> None:
    """The source's own check, on what a form could read."""
    if "source_kind" in data and data.get("obtained_on") is not None:
        source_from(data).check(clock.today())
