"""Reads of release options, barriers, restrictions and victim liaison consultations, for a
person already loaded through the access policy: the case team only (`VIEW_OPTIONS`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from throughcare.access.models import Role
from throughcare.access.policy import Access, Action
from throughcare.core.errors import NotFound
from throughcare.ui.forms import LARGEST_ID

from . import facts
from .models import (
    Barrier,
    DecisionCriterion,
    Evaluation,
    LiaisonConsultation,
    Option,
    Restriction,
)
from .rules import conflicts, criteria

if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import Any


def options(access: Access, kind: str | None = None) -> QuerySet[Option]:
    if not access.can(Action.VIEW_OPTIONS):
        return Option.objects.none()
    found = Option.objects.filter(person=access.person)
    if kind is not None:
        found = found.filter(kind=kind)
    return found.select_related("provider", "decided_by", "agreed_by").prefetch_related(
        Prefetch("evaluations", queryset=Evaluation.objects.order_by("criterion"))
    )


def option(access: Access, option_id: int) -> Option:
    if not 0 < option_id <= LARGEST_ID:
        raise NotFound("No such option")
    found = options(access).filter(pk=option_id).first()
    if found is None:
        raise NotFound("No such option")
    return found


def barriers(access: Access) -> QuerySet[Barrier]:
    if not access.can(Action.VIEW_OPTIONS):
        return Barrier.objects.none()
    return Barrier.objects.filter(person=access.person).select_related("option", "created_by")


def barrier(access: Access, barrier_id: int) -> Barrier:
    found = barriers(access).filter(pk=barrier_id).first() if 0 < barrier_id <= LARGEST_ID else None
    if found is None:
        raise NotFound("No such barrier")
    return found


def restrictions(access: Access) -> QuerySet[Restriction]:
    if not access.can(Action.VIEW_OPTIONS):
        return Restriction.objects.none()
    return Restriction.objects.filter(person=access.person)


def consultations(access: Access) -> QuerySet[LiaisonConsultation]:
    """What victim liaison said is about the victim: for those who may see victims."""
    if not access.can(Action.VIEW_VICTIMS):
        return LiaisonConsultation.objects.none()
    return LiaisonConsultation.objects.filter(person=access.person)


@dataclass(frozen=True)
class Shown:
    """A conflict as this user may read it: the victim named only to those who may see
    victims."""

    rule: str
    message: str


def conflicts_of(
    access: Access, found: list[Option], person_facts: facts.PersonFacts | None = None
) -> dict[int, list[Shown]]:
    """Each option's conflicts, worded for this user."""
    if not found:
        return {}
    person_facts = person_facts or facts.person_facts(access.person)
    names: dict[Any, str] = {}
    if access.can(Action.VIEW_VICTIMS):
        names = {v.pk: v.name for v in access.person.victims.all()}
    shown = {}
    for item in found:
        shown[item.pk] = [
            _shown(conflict, names) for conflict in facts.option_conflicts(item, person_facts)
        ]
    return shown


def _shown(conflict: conflicts.Conflict, names: dict[Any, str]) -> Shown:
    name = names.get(conflict.victim) if conflict.victim is not None else None
    return Shown(conflict.rule, f"{conflict.message} ({name})" if name else conflict.message)


@dataclass(frozen=True)
class CriterionShown:
    title: str
    met: bool
    evidence: str


def decision_criteria(access: Access) -> list[CriterionShown]:
    """Every active criterion, met or not, with its evidence (P30)."""
    if not access.can(Action.VIEW_OPTIONS):
        return []
    active = list(DecisionCriterion.objects.filter(active=True))
    if not active:
        return []
    record = facts.criteria_facts(access.person)
    shown = []
    for item in active:
        result = criteria.evaluate(item.rule, record)
        evidence = result.evidence
        if item.rule == "victim liaison consulted" and not access.can(Action.VIEW_VICTIMS):
            evidence = "Met" if result.met else "Not met"  # the details are about the victim
        shown.append(CriterionShown(item.title, result.met, evidence))
    return shown


def assessment(access: Access) -> facts.AssessmentFacts | None:
    if not access.can(Action.VIEW_OPTIONS):
        return None
    return facts.assessment(access.person)


def open_barriers_of(person_ids: Collection[Any]) -> QuerySet[Barrier]:
    """For the caseload's flag: the open barriers of these people (already chosen by the
    policy), not yet read (the flag is asked with the others in one query)."""
    return Barrier.objects.filter(person_id__in=list(person_ids), resolved_at__isnull=True)


def may_see_plan(access: Access) -> bool:
    """The Plan section: the case team, and a partner whose agreement covers a part of it
    ("plan" or "risk_plan"); for anyone else it does not exist (a 404)."""
    if access.can(Action.VIEW_PLAN):
        return True
    return access.user.role == Role.PARTNER and (
        access.section("plan") or access.section("risk_plan")
    )
