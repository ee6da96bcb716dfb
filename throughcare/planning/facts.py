"""What the conflict rules and the decision criteria need, read from the record (the rules
themselves are pure: `rules/`). For a person already loaded through the access policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from throughcare.assessment.models import Assessment
from throughcare.assessment.rules.rosh import Level, overall, overall_in
from throughcare.assessment.sections.abuse import concerns_from
from throughcare.assessment.sections.harm import levels_from
from throughcare.people.models import Offence, Person
from throughcare.rules.places import Place

from .models import LiaisonConsultation, Option, OptionKind, ProviderProfile, Restriction
from .rules import conflicts, criteria


@dataclass(frozen=True)
class AssessmentFacts:
    """The current (locked) assessment's risk of serious harm and needs, for the evaluation
    pages and the rules: None when there is no locked assessment."""

    version_id: int
    number: int
    overall: str
    community: str
    levels: dict[tuple[str, str], Level | None]
    needs: dict[str, str]  # pathway key -> severity ("no need", "standard", "severe")
    child_safeguarding: bool


def assessment(person: Person) -> AssessmentFacts | None:
    found = Assessment.objects.filter(person=person).select_related("current").first()
    if found is None or found.current is None:
        return None
    content: dict[str, Any] = found.current.content or {}
    levels = levels_from(content.get("rosh") or {})
    top, community = overall(levels), overall_in(levels, "community")
    needs = {
        key.removesuffix("_severity"): str(value)
        for key, value in (content.get("needs") or {}).items()
        if key.endswith("_severity") and value
    }
    return AssessmentFacts(
        version_id=found.current.pk,
        number=found.current.number,
        overall=top.key if top else "",
        community=community.key if community else "",
        levels=levels,
        needs=needs,
        child_safeguarding=any(
            c.get("who") == "child" for c in concerns_from(content.get("safeguarding") or {})
        ),
    )


def offence_type(person: Person) -> str:
    main = (
        Offence.objects.filter(person=person, sentence__is_current=True)
        .order_by("-is_main", "-conviction_date", "pk")
        .first()
    )
    return (main.ogrs3_category or "") if main else ""


@dataclass(frozen=True)
class PersonFacts:
    """What every option of one person is checked against (read once for a page)."""

    offence_type: str
    children_contact_restricted: bool
    childrens_services_involved: bool
    exclusion_areas: tuple[str, ...]
    victims: tuple[conflicts.VictimPlace, ...]
    not_accepted: dict[int, tuple[str, ...]]  # provider id -> offence types not accepted


def person_facts(person: Person) -> PersonFacts:
    restrictions = list(Restriction.objects.filter(person=person))
    found = assessment(person)
    profiles = ProviderProfile.objects.filter(approved_premises=True)
    return PersonFacts(
        offence_type=offence_type(person),
        children_contact_restricted=any(r.kind == Restriction.Kind.CHILDREN for r in restrictions),
        childrens_services_involved=bool(found and found.child_safeguarding),
        exclusion_areas=tuple(
            r.area for r in restrictions if r.kind == Restriction.Kind.EXCLUSION and r.area
        ),
        victims=tuple(
            conflicts.VictimPlace(v.pk, v.postcode, v.keep_clear)
            for v in person.victims.order_by("pk")
        ),
        not_accepted={p.organisation_id: tuple(p.not_accepted or ()) for p in profiles},
    )


def option_conflicts(option: Option, facts: PersonFacts) -> list[conflicts.Conflict]:
    return conflicts.detect(
        conflicts.OptionFacts(
            place=Place(option.postcode, option.area),
            household_children=option.household_children,
            accommodation_type=option.accommodation_type,
            offence_type=facts.offence_type,
            not_accepted=facts.not_accepted.get(option.provider_id or 0, ()),
            children_contact_restricted=facts.children_contact_restricted,
            childrens_services_involved=facts.childrens_services_involved,
            exclusion_areas=facts.exclusion_areas,
            victims=facts.victims,
        )
    )


# Where the risk management plan comes from: none until the plan is built (issue 12), which
# registers its own reader here.
PlanReader = Callable[[Person], criteria.Plan | None]
_plan_reader: list[PlanReader] = [lambda person: None]


def read_plans_with(reader: PlanReader) -> None:
    _plan_reader[0] = reader


def criteria_facts(person: Person) -> criteria.Facts:
    found = assessment(person)
    chosen = Option.objects.filter(
        person=person, kind=OptionKind.ACCOMMODATION, status=Option.Status.CHOSEN
    ).order_by("decided_at")
    return criteria.Facts(
        release_date=person.release_date,
        accommodation=tuple(
            criteria.Chosen(o.title, timezone.localdate(o.agreed_at or o.decided_at))
            for o in chosen
            if o.decided_at
        ),
        rosh=found.overall if found else "",
        plan=_plan_reader[0](person),
        has_victim=person.victims.exists(),
        consultations=tuple(
            criteria.Consultation(c.obtained_on, c.source_label)
            for c in LiaisonConsultation.objects.filter(person=person)
        ),
    )
