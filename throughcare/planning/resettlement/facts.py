"""What the plan reads from the rest of the record: when the person's licence ends (the key
dates of their current sentences, `people.Sentence`), and the needs of the current assessment
to offer as goals. Shared by the services (checks) and the queries (pages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from throughcare.people.models import Person, Sentence
from throughcare.planning import facts as planning_facts

from .models import AREA_FOR_PATHWAY, Pathway

SEVERITY_LABELS = {"standard": "Standard need", "severe": "Severe need"}


@dataclass(frozen=True)
class LicenceEnd:
    on: date
    label: str  # which key date it is, "LED" or "SLED" or "SED"


def licence_end(person: Person) -> LicenceEnd | None:
    """When the licence ends: the latest licence expiry (LED) or sentence and licence expiry
    (SLED) of the current sentences; with neither recorded, the sentence expiry (SED), when
    the licence ends at the latest. None when no date is recorded."""
    found: list[LicenceEnd] = []
    fallback: list[LicenceEnd] = []
    for sentence in Sentence.objects.filter(person=person, is_current=True):
        for field, label in (("led", "LED"), ("sled", "SLED")):
            value = getattr(sentence, field)
            if value:
                found.append(LicenceEnd(value, label))
        if sentence.sed:
            fallback.append(LicenceEnd(sentence.sed, "SED"))
    chosen = found or fallback
    return max(chosen, key=lambda end: end.on) if chosen else None


@dataclass(frozen=True)
class Need:
    """A need of the current assessment, as a goal it could become."""

    pathway: str
    pathway_label: str
    severity: str
    severity_label: str
    area_of_need: str


def assessed_needs(person: Person) -> list[Need]:
    """The current (locked) assessment's standard and severe needs, in pathway order."""
    assessment = planning_facts.assessment(person)
    if assessment is None:
        return []
    return [
        Need(
            pathway=pathway,
            pathway_label=Pathway(pathway).label,
            severity=assessment.needs[pathway],
            severity_label=SEVERITY_LABELS[assessment.needs[pathway]],
            area_of_need=AREA_FOR_PATHWAY[pathway],
        )
        for pathway in Pathway.values
        if assessment.needs.get(pathway) in SEVERITY_LABELS
    ]


def countersignature_reason(person: Person) -> str:
    """Why the plan needs the SPO's countersignature: a high or very high risk of serious harm
    in the current assessment. "" when it does not (submitting locks it: self-signed)."""
    assessment = planning_facts.assessment(person)
    if assessment is not None and assessment.overall in ("high", "very high"):
        return f"The overall risk of serious harm is {assessment.overall}"
    return ""
