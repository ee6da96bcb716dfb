"""Ready for release (SFJCCFI2 P30): the plan's owner marks the person ready only when every
active decision criterion is met; otherwise the unmet ones are listed with their evidence. A
person marked ready whose criteria are found unmet when asked again has the readiness
withdrawn, with the criteria that were unmet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid
from throughcare.planning import ownership

from .. import facts
from ..models import Readiness

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

UNMET = "criteria"  # the field the unmet criteria are reported on


def unmet_message(result: facts.CriterionResult) -> str:
    return f"{result.title}: {result.evidence}"


def _locked(person: Person) -> Readiness | None:
    return Readiness.objects.select_for_update().filter(person=person).first()


@transaction.atomic
def _withdraw(user: User, person: Person, unmet: list[facts.CriterionResult]) -> Readiness | None:
    current = _locked(person)
    if current is None or not current.is_ready:
        return current
    current.withdrawn_on = clock.today()
    current.withdrawn_because = [unmet_message(r) for r in unmet]
    current.updated_by = user
    current.version += 1
    current.save()
    record_for(
        current,
        user=user,
        operation=Operation.ALTERATION,
        fields=["withdrawn_on", "withdrawn_because"],
        reason="A decision criterion is no longer met",
    )
    return current


def review(*, user: User, person: Person) -> Readiness | None:
    """Asks again: a readiness whose criteria are no longer all met is withdrawn."""
    unmet = [r for r in facts.criteria_results(person) if not r.met]
    current = Readiness.objects.filter(person=person).first()
    if unmet and current is not None and current.is_ready:
        return _withdraw(user, person, unmet)
    return current


def mark_ready(*, user: User, person: Person) -> Readiness:
    """Marks the person ready for release, for the plan's owner, when every active criterion
    is met today; otherwise Invalid lists each unmet criterion with its evidence (and a
    readiness given earlier is withdrawn)."""
    ownership.require_owner(user, person)
    unmet = [r for r in facts.criteria_results(person) if not r.met]
    if unmet:
        _withdraw(user, person, unmet)
        raise Invalid({UNMET: [unmet_message(r) for r in unmet]})
    with transaction.atomic():
        current = _locked(person)
        if current is not None and current.is_ready:
            return current
        operation = Operation.ALTERATION
        if current is None:
            current = Readiness(person=person, created_by=user)
            operation = Operation.COLLECTION
        else:
            current.version += 1
        current.ready_on, current.ready_by = clock.today(), user
        current.withdrawn_on, current.withdrawn_because = None, []
        current.updated_by = user
        current.save()
        record_for(
            current,
            user=user,
            operation=operation,
            fields=["ready_on", "ready_by", "withdrawn_on", "withdrawn_because"],
        )
        return current
