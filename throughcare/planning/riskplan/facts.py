"""What the risk management plan reads from the rest of the record, for its services and
queries alike (for a person already loaded through the access policy): its document, the risk
factors of the current assessment, the chosen address and area the licence conditions are
checked against, and whether it needs countersigning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from throughcare.assessment.models import Assessment
from throughcare.assessment.sections.harm import GROUP_WORDS, OTHER_RISKS
from throughcare.assessment.sections.likelihood import ACUTE_FACTORS, STABLE_FACTORS
from throughcare.casework.interview.questions import PATHWAYS
from throughcare.planning import facts as planning_facts
from throughcare.planning.models import Option, OptionKind
from throughcare.planning.rules import criteria
from throughcare.records.models import Document
from throughcare.rules.places import Place

from . import catalogue, rules
from .models import LicenceCondition

if TYPE_CHECKING:
    from throughcare.people.models import Person

KIND = "risk-management-plan"
TITLE = "Risk management plan"

VOCABULARY = rules.Vocabulary(
    stable=STABLE_FACTORS,
    acute=ACUTE_FACTORS,
    groups=GROUP_WORDS,
    other_risks=OTHER_RISKS,
    pathways=PATHWAYS,
)


def document(person: Person) -> Document | None:
    return Document.objects.filter(person=person, kind=KIND).first()


def risk_factors(person: Person) -> list[rules.RiskFactor]:
    """The risk factors of the person's current (locked) assessment; none before one."""
    found = Assessment.objects.filter(person=person).select_related("current").first()
    if found is None or found.current is None:
        return []
    return rules.risk_factors(found.current.content or {}, VOCABULARY)


def overall_rosh(person: Person) -> str:
    found = planning_facts.assessment(person)
    return found.overall if found else ""


def countersignature_reason(person: Person) -> str:
    return rules.countersignature_reason(overall_rosh(person))


CHOSEN = (Option.Status.CHOSEN, Option.Status.AWAITING_AGREEMENT)


def chosen_places(person: Person) -> rules.ChosenPlaces:
    """The chosen (or awaiting agreement) accommodation and area, the household's children and
    the victims' places, for the checks of licence conditions."""
    chosen = list(
        Option.objects.filter(
            person=person,
            kind__in=[OptionKind.ACCOMMODATION, OptionKind.AREA],
            status__in=CHOSEN,
        ).order_by("kind", "pk")
    )
    places = tuple(
        Place(o.postcode, o.area or (o.title if o.kind == OptionKind.AREA else ""))
        for o in chosen
        if o.postcode or o.area or o.kind == OptionKind.AREA
    )
    facts = planning_facts.person_facts(person)
    return rules.ChosenPlaces(
        places=places,
        household_children=any(
            o.household_children for o in chosen if o.kind == OptionKind.ACCOMMODATION
        ),
        victims=facts.victims,
    )


def conflicts_of(
    conditions: list[LicenceCondition], chosen: rules.ChosenPlaces
) -> dict[int, list[str]]:
    """Each condition's conflicts with the chosen places, as messages, by the condition's id."""
    found: dict[int, list[str]] = {}
    for condition in conditions:
        entry = catalogue.catalogue().by_code(condition.code)
        if entry is None or not entry.check:
            found[condition.pk] = []
            continue
        zone = str((condition.inputs or {}).get(catalogue.ZONE) or "")
        found[condition.pk] = [
            c.message for c in rules.condition_conflicts(entry.check, zone, chosen)
        ]
    return found


def read_plan(person: Person) -> criteria.Plan | None:
    """The plan as the decision criteria read it (`planning.facts.read_plans_with`): None
    before there is one; countersigned on the day its latest locked version was countersigned
    (and so locked), None while no locked version carries a countersignature."""
    found = document(person)
    if found is None:
        return None
    latest = found.latest_locked()
    if latest is None or latest.countersigned_at is None or latest.locked_at is None:
        return criteria.Plan(countersigned_on=None)
    return criteria.Plan(countersigned_on=timezone.localdate(latest.locked_at))
