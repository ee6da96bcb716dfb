"""What the risk management plan's services share: the open version a change goes into (a
new one when the plan is locked), the snapshot of the rows written into it after each change,
and the checks of text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core.errors import Invalid, Stale
from throughcare.planning import ownership
from throughcare.planning.checks import text
from throughcare.records import services as records
from throughcare.records.models import Document, Version

from .. import facts, rules, snapshot
from ..models import SHORT_LIMIT, LicenceCondition, RiskAction

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

KIND = facts.KIND
WAITING = (
    "The plan is waiting for the senior probation officer's countersignature: it can change "
    "once they countersign it or return it"
)
STALE = (
    "Someone else changed this since you opened it. Your changes are shown below: check them "
    "against theirs and save again"
)


def short(
    problems: dict[str, str], data: Mapping[str, Any], name: str, label: str, **kw: Any
) -> None:
    text(problems, data, name, label, limit=SHORT_LIMIT, **kw)


def open_version(user: User, person: Person) -> Version:
    """The version a change goes into, locked until the transaction ends (call inside one):
    the open draft, or a new document, or a new version carried over from the locked one.
    Only the plan's owner; Invalid while a version waits for its countersignature."""
    ownership.require_owner(user, person)
    document = Document.objects.select_for_update().filter(person=person, kind=KIND).first()
    if document is None:
        version = records.start(user, person, KIND)
    else:
        current = document.open_version()
        if current is None:
            version = records.reassess(user, document)
        elif not current.editable:
            raise Invalid({"__all__": WAITING})
        else:
            version = current
    return (
        Version.objects.select_for_update().select_related("document", "person").get(pk=version.pk)
    )


def require_current(row: RiskAction | LicenceCondition, expected: int) -> None:
    if row.version != expected:
        raise Stale(STALE, current=row)


def write_snapshot(user: User, version: Version) -> None:
    """All the plan's actions and conditions, and the factors none manages, into the version
    (a section whose entries did not change is left alone)."""
    actions = list(
        RiskAction.objects.filter(document_id=version.document_id).select_related("organisation")
    )
    conditions = list(
        LicenceCondition.objects.filter(document_id=version.document_id).select_related(
            "risk_action"
        )
    )
    factors = facts.risk_factors(version.person)
    left = rules.uncovered(factors, [a.factors or [] for a in actions])
    for key, values in snapshot.sections(actions, conditions, factors, left).items():
        if key in version.sections and version.content.get(key) == values:
            continue
        meta = version.sections.get(key) or {}
        records.save_section(
            user, version, key, values, expected=int(meta.get("version", 0)), complete=True
        )


def write_changes(
    user: User, version: Version, current: RiskAction | LicenceCondition, values: Mapping[str, Any]
) -> None:
    """Writes `values` into the locked row `current` if any differs from what it holds: the row
    moves on a version, the change is audited (the fields changed) and the plan's snapshot in
    `version` is written again. Nothing changed, nothing written."""
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if changed:
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1
        current.updated_by = user
        current.save()
        record_for(current, user=user, operation=Operation.ALTERATION, fields=changed)
        write_snapshot(user, version)
