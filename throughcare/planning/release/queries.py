"""Reads of the release, for a person already loaded through the access policy (the caller
has checked `VIEW_PLAN`): the day-of-release checklist in words (`day_of_release_for`), the
person's stage (`stage`), readiness as it stands today, the handover and its due date; and,
for the caseload, the people flagged and the "Stage" column."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef

from throughcare.core import clock
from throughcare.people.models import Person, Sentence
from throughcare.rules.dates import long_date

from . import facts, rules
from .models import (
    NEEDS,
    AppointmentWhen,
    AppointmentWho,
    DayOfRelease,
    Handover,
    IdDocument,
    NeedStatus,
    Outcome,
    Readiness,
    Release,
)

IN_CUSTODY, ON_LICENCE = "In custody", "On licence"


def stage(person: Person) -> str:
    """ "In custody" until the release is recorded, then "On licence"."""
    return ON_LICENCE if Release.objects.filter(person=person).exists() else IN_CUSTODY


def released_annotation() -> Exists:
    return Exists(Release.objects.filter(person_id=OuterRef("pk")))


@dataclass(frozen=True)
class NeedView:
    key: str
    label: str
    status: str  # the status's label, or "Not recorded"
    in_place: bool  # in place or not needed
    details: str


@dataclass(frozen=True)
class DayOfReleaseView:
    needs: list[NeedView]
    id_documents: list[str]  # labels
    appointment_who: str  # "" when not set
    appointment_when: str  # "" when not set
    missing: list[str]  # what is neither in place nor not needed, and the appointment
    version: int


def appointment_who(checklist: DayOfRelease) -> str:
    if checklist.appointment_who == AppointmentWho.NAMED:
        return checklist.appointment_name or AppointmentWho.NAMED.label
    if checklist.appointment_who:
        return AppointmentWho(checklist.appointment_who).label
    return ""


def appointment_when(checklist: DayOfRelease) -> str:
    if checklist.appointment_when == AppointmentWhen.SET:
        if checklist.appointment_on is None or checklist.appointment_time is None:
            return ""
        at = checklist.appointment_time
        hour = at.hour % 12 or 12
        return (
            f"{long_date(checklist.appointment_on)} at "
            f"{hour}:{at.minute:02d}{'am' if at.hour < 12 else 'pm'}"
        )
    if checklist.appointment_when:
        return AppointmentWhen(checklist.appointment_when).label
    return ""


def _missing(checklist: DayOfRelease | None) -> list[str]:
    if checklist is None:
        return [*(label for _, label in NEEDS), "The first appointment"]
    return rules.gaps(
        {key: getattr(checklist, f"{key}_status") for key, _ in NEEDS},
        dict(NEEDS),
        bool(appointment_who(checklist) and appointment_when(checklist)),
    )


def day_of_release_for(person: Person) -> DayOfReleaseView | None:
    """The checklist in words (None: nothing recorded yet)."""
    checklist = DayOfRelease.objects.filter(person=person).first()
    if checklist is None:
        return None
    documents = dict(IdDocument.choices)
    return DayOfReleaseView(
        needs=[
            NeedView(
                key=key,
                label=label,
                status=NeedStatus(status).label if status else "Not recorded",
                in_place=status in (NeedStatus.IN_PLACE, NeedStatus.NOT_NEEDED),
                details=getattr(checklist, f"{key}_details"),
            )
            for key, label in NEEDS
            for status in [getattr(checklist, f"{key}_status")]
        ],
        id_documents=[documents[d] for d in checklist.id_documents or [] if d in documents],
        appointment_who=appointment_who(checklist),
        appointment_when=appointment_when(checklist),
        missing=_missing(checklist),
        version=checklist.version,
    )


def checklist(person: Person) -> DayOfRelease | None:
    return DayOfRelease.objects.filter(person=person).first()


@dataclass(frozen=True)
class ReadinessView:
    """- criteria: every active criterion today, met or not, with its evidence;
    - ready_on: when they were marked ready (None: never, or withdrawn);
    - was_ready_on: when they were marked ready, before it was withdrawn or is found unmet;
    - unmet: the criteria unmet today (words for the panel)."""

    criteria: list[facts.CriterionResult]
    ready_on: date | None
    was_ready_on: date | None
    withdrawn_on: date | None
    withdrawn_because: list[str]

    @property
    def unmet(self) -> list[facts.CriterionResult]:
        return [c for c in self.criteria if not c.met]

    @property
    def all_met(self) -> bool:
        return not self.unmet


def readiness_for(person: Person, *, may_see_victims: bool) -> ReadinessView:
    """Readiness as it stands: marked ready and every criterion still met today, or not. One
    marked ready whose criteria are now unmet shows as it was ("was ready on X")."""
    results = facts.criteria_results(person, may_see_victims=may_see_victims)
    found = Readiness.objects.filter(person=person).first()
    ready = found is not None and found.is_ready
    still = ready and all(r.met for r in results)
    return ReadinessView(
        criteria=results,
        ready_on=found.ready_on if found and still else None,
        was_ready_on=found.ready_on if found and found.ready_on and not still else None,
        withdrawn_on=found.withdrawn_on if found else None,
        withdrawn_because=list(found.withdrawn_because or []) if found else [],
    )


def handover(person: Person) -> Handover | None:
    return (
        Handover.objects.filter(person=person)
        .select_related("created_by", "accepted_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def handover_due(person: Person) -> date | None:
    return facts.handover_due(person, clock.today())


def handover_accepted(person: Person) -> bool:
    """For `planning.ownership`: the community offender manager has accepted the handover."""
    return Handover.objects.filter(person=person, accepted_at__isnull=False).exists()


def release(person: Person) -> Release | None:
    return Release.objects.filter(person=person).first()


def outcome(person: Person) -> Outcome | None:
    return Outcome.objects.filter(person=person).first()


# The caseload's flags: for a page of people already chosen by the policy. -------------------


def day_of_release_not_ready(person_ids: Collection[Any]) -> list[Any]:
    """Released within 14 days of today, not yet released, and a need neither in place nor
    not needed, or no first appointment."""
    today = clock.today()
    close = [
        person_id
        for person_id, release_date in Person.objects.filter(pk__in=person_ids)
        .exclude(released_annotation())
        .values_list("pk", "release_date")
        if rules.checklist_due(release_date, today)
    ]
    if not close:
        return []
    checklists = {c.person_id: c for c in DayOfRelease.objects.filter(person_id__in=close)}
    return [person_id for person_id in close if _missing(checklists.get(person_id))]


def handovers_pending(person_ids: Collection[Any]) -> dict[Any, date]:
    """Of these people, those with a prison offender manager whose handover is not accepted
    yet and who have not been released, with the date it is due (those without a due date are
    left out): two queries (their current sentences, with those conditions on the person, then
    the MAPPA levels of those found)."""
    if not person_ids:
        return {}
    sentences = Sentence.objects.filter(person__pom__isnull=False).exclude(
        Exists(Handover.objects.filter(person_id=OuterRef("person_id"), accepted_at__isnull=False))
    )
    sentences = sentences.exclude(Exists(Release.objects.filter(person_id=OuterRef("person_id"))))
    return facts.handovers_due(person_ids, clock.today(), sentences=sentences)


def handover_late(person_ids: Collection[Any]) -> list[Any]:
    """People with a prison offender manager whose handover is past its due date and not
    accepted."""
    today = clock.today()
    return [person_id for person_id, due in handovers_pending(person_ids).items() if due < today]


def need_statuses(person_ids: Collection[Any]) -> dict[Any, dict[str, str]]:
    """For a list of people: each one's status of every day-of-release need (`NEEDS`), "" when
    not recorded; people without a checklist are left out. One query."""
    fields = [f"{key}_status" for key, _ in NEEDS]
    return {
        row["person_id"]: {key: row[f"{key}_status"] for key, _ in NEEDS}
        for row in DayOfRelease.objects.filter(person_id__in=list(person_ids)).values(
            "person_id", *fields
        )
    }


def marked_ready(person_ids: Collection[Any]) -> set[Any]:
    """Of these people, those marked ready for release (and not withdrawn). One query."""
    return set(
        Readiness.objects.filter(
            person_id__in=list(person_ids), ready_on__isnull=False, withdrawn_on__isnull=True
        ).values_list("person_id", flat=True)
    )


def sentence_date(person: Person) -> date | None:
    """The date of the current sentence: a release cannot be before it."""
    return facts.sentence_date(person)
