"""Recording outcomes after release (issue 16 point 2): the allocated community offender
manager records, once the release is recorded, whether they were in work or training six weeks
after release, the date of a recall to custody and the date of the first new offence proven by
a court. Neither date may be before the release or in the future. Whether an outcome is known
yet is worked out from the dates (`insight.measures`), not stored."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Stale
from throughcare.planning.checks import raise_if
from throughcare.rules.dates import long_date

from ..models import InWork, Outcome, Release
from .common import require_com

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

FIELDS = ("in_work_at_six_weeks", "recalled_on", "reoffence_on")
DATES = {
    "recalled_on": "Date recalled to custody",
    "reoffence_on": "Date of the new offence",
}
NOT_RELEASED = "Record the release before its outcomes"


def check_outcome(data: Mapping[str, Any], *, today: date, released_on: date | None) -> None:
    """Every problem in the fields given; `released_on` None when the release is not recorded
    (the dates are then not compared with it)."""
    problems: dict[str, str] = {}
    if "in_work_at_six_weeks" in data and (data.get("in_work_at_six_weeks") or "") not in (
        "",
        *InWork.values,
    ):
        problems["in_work_at_six_weeks"] = (
            "Select whether they were in work or training six weeks after release"
        )
    for name, label in DATES.items():
        day = data.get(name)
        if day is None:
            continue
        if day > today:
            problems[name] = f"{label} must be today or in the past"
        elif released_on is not None and day < released_on:
            problems[name] = (
                f"{label} must be on or after the date of release, {long_date(released_on)}"
            )
    raise_if(problems)


@transaction.atomic
def record_outcome(
    *, user: User, person: Person, data: Mapping[str, Any], expected_version: int = 0
) -> Outcome:
    """Records the outcomes, or changes them (`expected_version`: the version loaded, 0 for
    the first time). Blank answers are "not recorded yet"."""
    require_com(user, person, "record the outcomes after release")
    release = Release.objects.filter(person=person).first()
    if release is None:
        raise Invalid(NOT_RELEASED)
    check_outcome(
        {name: data.get(name) for name in FIELDS},
        today=clock.today(),
        released_on=release.released_on,
    )
    current = Outcome.objects.select_for_update().filter(person=person).first()
    if (current.version if current else 0) != expected_version:
        raise Stale("Someone else saved the outcomes since you opened them", current=current)
    operation = Operation.ALTERATION
    if current is None:
        current = Outcome(person=person, created_by=user)
        operation = Operation.COLLECTION
    else:
        current.version += 1
    current.in_work_at_six_weeks = str(data.get("in_work_at_six_weeks") or "")
    current.recalled_on = data.get("recalled_on")
    current.reoffence_on = data.get("reoffence_on")
    current.updated_by = user
    current.save()
    record_for(current, user=user, operation=operation, fields=list(FIELDS))
    return current
