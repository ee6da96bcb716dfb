"""The plan as a signed document (`throughcare.records`, kind "resettlement-plan"): the
version a change is written to (a draft, started or carried over from the locked plan), the
snapshot of the goals and steps each change writes into it, the person's agreement, and
submitting it (locked at once, or sent to the SPO when the risk of serious harm is high or
very high).

The person's agreement is to the plan as it stands: any change to the goals or steps clears
it, and a new version asks it again ("updated agreed" or "updated does not agree")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Prefetch

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.planning import ownership
from throughcare.records import services as records
from throughcare.records.models import Document, Version

from .. import facts, snapshot
from ..models import KIND, TEXT_LIMIT, Goal, Step
from ..snapshot import AGREEMENT, GOALS, Agreement

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

WAITING = (
    "The plan is waiting for the senior probation officer's countersignature: it can change "
    "once they countersign it or return it"
)


def _document(person: Person) -> Document | None:
    """The person's plan, locked until the transaction ends (changes to one plan queue)."""
    return Document.objects.select_for_update().filter(person=person, kind=KIND).first()


def _section_version(version: Version, key: str) -> int:
    return int((version.sections.get(key) or {}).get("version", 0))


def _clear_agreement(user: User, version: Version) -> None:
    """The agreement recorded no longer stands: it must be asked again."""
    meta = version.sections.get(AGREEMENT)
    if meta is None or (not meta.get("complete") and not version.content.get(AGREEMENT)):
        return
    records.save_section(
        user, version, AGREEMENT, {}, expected=_section_version(version, AGREEMENT), complete=False
    )


def editable_version(user: User, person: Person) -> Version:
    """The version a change to the plan goes into, inside the caller's transaction: the open
    draft (or returned version); a new document's first draft; or, when the plan is locked, a
    new version carried over from it (its agreement to be asked again). Refused while a
    version waits for its countersignature."""
    document = _document(person)
    if document is None:
        return records.start(user, person, KIND)
    open_version = document.open_version()
    if open_version is None:
        version = records.reassess(user, document)
        _clear_agreement(user, version)
        return version
    if not open_version.editable:
        raise Refused(WAITING)
    return open_version


def live_goals(document: Document) -> list[Goal]:
    return list(
        Goal.objects.filter(document=document)
        .select_related("option")
        .prefetch_related(Prefetch("steps", queryset=Step.objects.select_related("organisation")))
    )


def write_snapshot(user: User, version: Version) -> None:
    """Writes every goal and step into the version (its "goals" section) and clears the
    person's agreement: the plan they agreed to has changed."""
    version.refresh_from_db()
    goals = live_goals(version.document)
    records.save_section(
        user,
        version,
        GOALS,
        snapshot.take(goals),
        expected=_section_version(version, GOALS),
        complete=any(not goal.removed for goal in goals),
    )
    _clear_agreement(user, version)


def save_change(user: User, row: Goal | Step, fields: list[str]) -> None:
    """Saves the changed `fields` of a goal or step (locked, already set): the row moves on a
    version and the change is audited."""
    row.version += 1
    row.updated_by = user
    row.save(update_fields=[*fields, "version", "updated_by"])
    record_for(row, user=user, operation=Operation.ALTERATION, fields=fields)


def write_changes(user: User, current: Goal | Step, new: Any, fields: Sequence[str]) -> None:
    """Copies into the locked goal or step the `fields` of `new` that differ: nothing changed,
    nothing written; otherwise the plan's open version takes the change."""
    changed = [name for name in fields if getattr(current, name) != getattr(new, name)]
    if not changed:
        return
    version = editable_version(user, current.person)
    for name in changed:
        setattr(current, name, getattr(new, name))
    save_change(user, current, changed)
    write_snapshot(user, version)


def require_owner(user: User, person: Person) -> None:
    ownership.require_owner(user, person)


# The person's agreement ---------------------------------------------------------------------


def check_agreement(data: dict[str, object], *, number: int) -> None:
    problems: dict[str, str] = {}
    answer = str(data.get("agreement") or "")
    if "agreement" in data and answer not in dict(Agreement.choices(number)):
        problems["agreement"] = "Select whether the person agrees with the plan"
    words = str(data.get("words") or "")
    if len(words) > TEXT_LIMIT:
        problems["words"] = f"Their words must be {TEXT_LIMIT:,} characters or fewer"
    elif (
        answer in (Agreement.DOES_NOT_AGREE, Agreement.UPDATED_DOES_NOT_AGREE) and not words.strip()
    ):
        problems["words"] = "Enter what the person said about why they do not agree"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def record_agreement(
    user: User, person: Person, *, agreement: str, words: str, expected: int
) -> Version:
    """Records the person's agreement to the version being written (`expected`: the
    section's version when the page was opened; a stale one is refused)."""
    require_owner(user, person)
    document = _document(person)
    version = document.open_version() if document is not None else None
    if version is None:
        raise Refused("There is no draft of the plan to agree: change the plan first")
    if not version.editable:
        raise Refused(WAITING)
    check_agreement({"agreement": agreement, "words": words}, number=version.number)
    if not any(not goal.removed for goal in live_goals(document)):  # type: ignore[arg-type]
        raise Invalid({"agreement": "Add a goal before recording the person's agreement"})
    records.save_section(
        user,
        version,
        AGREEMENT,
        {
            "agreement": agreement,
            "words": words.strip(),
            "recorded_on": clock.today().isoformat(),
        },
        expected=expected,
        complete=True,
    )
    return version


# Submitting -----------------------------------------------------------------------------------


def problems(version: Version) -> dict[str, str]:
    """What stops the version being submitted, by what to fix: a plan with no goal, an active
    goal with no step, the person's agreement not recorded on this version."""
    found: dict[str, str] = {}
    goals = [goal for goal in live_goals(version.document) if not goal.removed]
    if not goals:
        found["goals"] = "Add at least one goal to the plan"
    for goal in goals:
        if goal.status == Goal.Status.ACTIVE and not goal.steps.all():
            found[f"goal-{goal.pk}"] = f"Add a step to the goal: {goal.title}"
    if not (version.sections.get(AGREEMENT) or {}).get("complete"):
        found["agreement"] = (
            "Record the person's agreement to this version of the plan"
            if version.number == 1
            else "Record the person's agreement to the updated plan"
        )
    return found


@transaction.atomic
def submit(user: User, person: Person) -> Version:
    """Submits the plan's open version: locked at once (self-signed), or sent to the team's
    SPO when the risk of serious harm is high or very high. Invalid, naming each problem,
    while it is not complete."""
    require_owner(user, person)
    document = _document(person)
    version = document.open_version() if document is not None else None
    if version is None:
        raise Refused("There is no draft of the plan to submit")
    if not version.editable:
        raise Refused(WAITING)
    found = problems(version)
    if found:
        raise Invalid(found)
    return records.submit(
        user, version, countersignature_reason=facts.countersignature_reason(person)
    )
