"""Planning's part of the subject access export: the release options considered for the
person, how each was weighed and decided, the barriers met and the restrictions recorded.
Withheld: what victim liaison said (about the victim), and which conflict concerns a victim
(only that an option conflicts with a victim's safety is said)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from throughcare.core.subject_access import Part, Section, Withheld

from . import facts
from .models import Barrier, LiaisonConsultation, Option, Restriction

if TYPE_CHECKING:
    from throughcare.people.models import Person

LIAISON = Withheld(
    "victim liaison consultations",
    "Third-party information: what victim liaison said is about the victim, withheld under "
    "the Data Protection Act 2018, Schedule 2, paragraph 16, unless they consent",
)


def _day(moment: Any) -> Any:
    return timezone.localdate(moment) if moment else None


def _options(person: Person) -> list[dict[str, Any]]:
    found = list(
        Option.objects.filter(person=person)
        .select_related("provider")
        .prefetch_related("evaluations")
        .order_by("kind", "pk")
    )
    person_facts = facts.person_facts(person) if found else None
    result = []
    for option in found:
        assert person_facts is not None  # noqa: S101 - read when there are options
        result.append(
            {
                "kind": option.get_kind_display(),
                "option": option.title,
                "details": option.description,
                "provider": option.provider.name if option.provider else None,
                "accommodation_type": option.get_accommodation_type_display() or None,
                "address": option.address or None,
                "postcode": option.postcode or None,
                "area": option.area or None,
                "status": option.get_status_display(),
                "reasoning": option.reasoning or None,
                "decided_on": _day(option.decided_at),
                "conflicts": [c.message for c in facts.option_conflicts(option, person_facts)],
                "evaluations": [
                    {
                        "point": e.criterion,
                        "weighs": e.get_rating_display(),
                        "evidence": e.evidence,
                        "source": e.source_label,
                        "obtained_on": e.obtained_on,
                    }
                    for e in sorted(option.evaluations.all(), key=lambda e: e.criterion)
                ],
            }
        )
    return result


def _barriers(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "kind": b.get_kind_display(),
            "barrier": b.description,
            "challenge": b.challenge or None,
            "challenged_by": b.challenged_by or None,
            "outcome": b.outcome or None,
            "resolved_on": _day(b.resolved_at),
        }
        for b in Barrier.objects.filter(person=person).order_by("pk")
    ]


def _restrictions(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "restriction": r.get_kind_display(),
            "area": r.area or None,
            "details": r.details or None,
            "source": r.source_label,
            "obtained_on": r.obtained_on,
        }
        for r in Restriction.objects.filter(person=person).order_by("pk")
    ]


def _liaison(person: Person) -> list[dict[str, Any]]:
    ids = LiaisonConsultation.objects.filter(person=person).values_list("pk", flat=True)
    return [LIAISON.item() for _ in ids]


PART = Part(
    app="planning",
    sections=(
        Section(
            "release_options",
            88,
            _options,
            includes="the release options considered, how each was weighed and why it was "
            "chosen or rejected",
        ),
        Section("barriers", 89, _barriers, includes="the barriers to their release plans"),
        Section(
            "planning_restrictions",
            91,
            _restrictions,
            includes="the restrictions their release options were checked against",
        ),
        Section("victim_liaison", 92, _liaison, withheld=LIAISON),
    ),
    covers={
        "planning.Option": "release_options",
        "planning.Evaluation": "release_options",
        "planning.Barrier": "barriers",
        "planning.Restriction": "planning_restrictions",
        "planning.LiaisonConsultation": "victim_liaison",
    },
)
