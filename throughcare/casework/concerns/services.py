"""Recording an urgent concern and acting on it, each change in one transaction with its audit
event. Recording one tells the team's SPOs at once (in Throughcare, and by email once the
transaction commits); acknowledging or resolving it closes what it asked of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.access import case_team, policy
from throughcare.access.policy import Action
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock, events
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import services as notifications
from throughcare.notifications.models import Notification
from throughcare.rules import dates
from throughcare.rules.times import london

from ..sources import Source
from .models import REFERENCE_LIMIT, TEXT_LIMIT, ConcernAction, UrgentConcern

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

TOO_LONG = "{} must be 20,000 characters or fewer"


@dataclass(frozen=True)
class NewConcern:
    """An urgent concern as typed: its type, what was said or seen, by whom, and when."""

    concern_type: str
    account: str
    occurred_on: date
    occurred_time: time
    source_kind: str
    source_name: str = ""
    source_role: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewConcern:
        return cls(
            concern_type=str(data["concern_type"]),
            account=str(data.get("account") or ""),
            occurred_on=data["occurred_on"],
            occurred_time=data["occurred_time"],
            source_kind=str(data.get("source_kind") or ""),
            source_name=str(data.get("source_name") or ""),
            source_role=str(data.get("source_role") or ""),
        )

    @property
    def occurred_at(self) -> datetime:
        return london(self.occurred_on, self.occurred_time)


def _check_when(
    problems: dict[str, str], data: Mapping[str, Any], fields: tuple[str, str], what: str
) -> None:
    """A date and time that must be real, and now or in the past."""
    day_field, time_field = fields
    day, moment = data.get(day_field), data.get(time_field)
    now = clock.now()
    if day is None:
        return
    if day > clock.today():
        problems[day_field] = f"The date {what} must be today or in the past"
    elif not dates.is_plausible(day, clock.today()):
        problems[day_field] = "Enter a date within 100 years of today"
    elif moment is not None and london(day, moment) > now:
        problems[time_field] = f"The time {what} must be now or in the past"


def _check_text(
    problems: dict[str, str], data: Mapping[str, Any], field: str, label: str, missing: str
) -> None:
    if field not in data:
        return
    text = str(data[field] or "")
    if not text.strip():
        problems[field] = missing
    elif len(text) > TEXT_LIMIT:
        problems[field] = TOO_LONG.format(label)


def check_concern(data: Mapping[str, Any]) -> None:
    """Every problem with an urgent concern at once, for the fields `data` holds."""
    problems: dict[str, str] = {}
    _check_text(problems, data, "account", "What was said or seen", "Enter what was said or seen")
    _check_when(problems, data, ("occurred_on", "occurred_time"), "it was said or seen")
    if data.get("source_kind"):
        source = Source(
            str(data["source_kind"]),
            clock.today(),
            str(data.get("source_name") or ""),
            str(data.get("source_role") or ""),
        )
        try:
            source.check(clock.today())
        except Invalid as invalid:
            problems.update(
                {name: messages[0] for name, messages in invalid.fields.items()}
                | problems  # the concern's own message for a field wins
            )
    if problems:
        raise Invalid(problems)


def _require(user: User, person: Person, action: Action) -> None:
    if not policy.can(user, person, action):
        raise Refused("You cannot do that on this record")


def concern_url(concern: UrgentConcern) -> str:
    return reverse("casework:concern", args=[concern.person_id, concern.pk])


@transaction.atomic
def record_concern(*, user: User, person: Person, concern: NewConcern) -> UrgentConcern:
    """Records the concern and tells the team's SPOs at once (or, with no SPO, the allocated
    staff): a notification each, and an email each once this transaction commits."""
    _require(user, person, Action.RECORD_CONCERN)
    check_concern(
        {
            "account": concern.account,
            "occurred_on": concern.occurred_on,
            "occurred_time": concern.occurred_time,
            "source_kind": concern.source_kind,
            "source_name": concern.source_name,
            "source_role": concern.source_role,
        }
    )
    occurred_at = concern.occurred_at
    created = UrgentConcern(
        person=person,
        concern_type=concern.concern_type,
        account=concern.account.strip(),
        occurred_at=occurred_at,
        created_by=user,
    )
    Source(
        concern.source_kind, concern.occurred_on, concern.source_name, concern.source_role
    ).apply_to(created)
    created.save()
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=["concern_type", "account", "occurred_at", "source_kind", "source_name"],
    )
    notifications.notify(
        by=user,
        person_id=person.pk,
        recipients=case_team.whom_to_ask(person),
        notice=notifications.Notice(
            kind=Notification.Kind.URGENT_CONCERN,
            summary=f"Urgent concern: {created.get_concern_type_display().lower()}",
            url=concern_url(created),
            subject_type=RecordType.URGENT_CONCERN,
            subject_id=created.pk,
            due_on=clock.today(),
        ),
    )
    events.publish(events.URGENT_CONCERN_RECORDED, user=user, person=person, concern=created)
    return created


def _locked(concern: UrgentConcern) -> UrgentConcern:
    """The concern as it is now, locked until the transaction ends, so that two requests
    changing it at once queue and the second sees the first's change."""
    return UrgentConcern.objects.select_for_update().get(pk=concern.pk)


def _saved(
    current: UrgentConcern, user: User, fields: list[str], audited: list[str] | None = None
) -> None:
    current.updated_by = user
    current.version += 1
    current.save(update_fields=[*fields, "updated_by", "version"])
    record_for(
        current,
        user=user,
        operation=Operation.ALTERATION,
        fields=fields if audited is None else audited,
    )


@transaction.atomic
def acknowledge(*, user: User, concern: UrgentConcern) -> UrgentConcern:
    """The team's SPO acknowledges the concern: the time to acknowledge is recorded and the
    notifications asking for it close. Acknowledging it again writes nothing."""
    _require(user, concern.person, Action.ACKNOWLEDGE_CONCERN)
    current = _locked(concern)
    if current.acknowledged_at is None:
        current.acknowledged_at, current.acknowledged_by = clock.now(), user
        _saved(current, user, ["acknowledged_at", "acknowledged_by"])
        notifications.close(
            by=user,
            subject_type=RecordType.URGENT_CONCERN,
            subject_id=current.pk,
            kinds=[Notification.Kind.URGENT_CONCERN],
        )
    return current


@dataclass(frozen=True)
class NewAction:
    kind: str
    taken_on: date
    taken_time: time
    reference: str = ""
    details: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewAction:
        return cls(
            kind=str(data["kind"]),
            taken_on=data["taken_on"],
            taken_time=data["taken_time"],
            reference=str(data.get("reference") or ""),
            details=str(data.get("details") or ""),
        )


REFERENCE_NEEDED = {
    ConcernAction.Kind.POLICE: "Enter the police reference",
    ConcernAction.Kind.CHILDREN: "Enter the children's services reference",
    ConcernAction.Kind.ADULTS: "Enter the adults' services reference",
}


def check_action(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    kind = data.get("kind")
    reference = str(data.get("reference") or "")
    details = str(data.get("details") or "")
    if kind in REFERENCE_NEEDED and not reference.strip():
        problems["reference"] = REFERENCE_NEEDED[kind]
    elif len(reference) > REFERENCE_LIMIT:
        problems["reference"] = f"The reference must be {REFERENCE_LIMIT} characters or fewer"
    if kind == ConcernAction.Kind.OTHER and not details.strip():
        problems["details"] = "Enter what was done"
    elif len(details) > TEXT_LIMIT:
        problems["details"] = TOO_LONG.format("What was done")
    _check_when(problems, data, ("taken_on", "taken_time"), "of the action")
    if problems:
        raise Invalid(problems)


def _require_open(concern: UrgentConcern) -> None:
    if not concern.is_open:
        raise Refused("This concern is resolved: nothing more can be added to it")


@transaction.atomic
def add_action(*, user: User, concern: UrgentConcern, action: NewAction) -> ConcernAction:
    """Records something done about an open concern, with when and the agency's reference."""
    _require(user, concern.person, Action.ACT_ON_CONCERN)
    check_action(
        {
            "kind": action.kind,
            "taken_on": action.taken_on,
            "taken_time": action.taken_time,
            "reference": action.reference,
            "details": action.details,
        }
    )
    current = _locked(concern)
    _require_open(current)
    created = ConcernAction.objects.create(
        person_id=current.person_id,
        concern=current,
        kind=action.kind,
        taken_at=london(action.taken_on, action.taken_time),
        reference=action.reference.strip(),
        details=action.details.strip(),
        created_by=user,
    )
    _saved(current, user, [], audited=["actions"])
    return created


def check_resolution(data: Mapping[str, Any], concern: UrgentConcern | None = None) -> None:
    problems: dict[str, str] = {}
    _check_text(
        problems, data, "resolution", "The resolution", "Enter how the concern was resolved"
    )
    if concern is not None and not concern.actions.exists():
        problems["resolution"] = "Record at least one action taken before resolving the concern"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def resolve(*, user: User, concern: UrgentConcern, resolution: str) -> UrgentConcern:
    """Resolves the concern once at least one action is recorded: the time to resolve is
    recorded, the banner and the caseload flag go, and anything still asked about it closes.
    Resolving it again writes nothing."""
    _require(user, concern.person, Action.ACT_ON_CONCERN)
    current = _locked(concern)
    if not current.is_open:
        return current
    check_resolution({"resolution": resolution}, current)
    current.resolution = resolution.strip()
    current.resolved_at, current.resolved_by = clock.now(), user
    _saved(current, user, ["resolution", "resolved_at", "resolved_by"])
    notifications.close(by=user, subject_type=RecordType.URGENT_CONCERN, subject_id=current.pk)
    return current
