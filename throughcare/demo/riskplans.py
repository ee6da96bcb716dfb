"""The demo's risk management plans (issue 12): key information, an action under each heading
of shared/domain/risk.md naming the risk factors of the person's assessment that it manages,
and two additional licence conditions with their risks and justifications, written by the
plan's owner through the services (`throughcare.demo.plans` has the rest of the plan)."""

from __future__ import annotations

from typing import Any

from throughcare.people.models import Person
from throughcare.planning.riskplan import catalogue
from throughcare.planning.riskplan import facts as risk_facts
from throughcare.planning.riskplan import services as riskplan
from throughcare.planning.riskplan.models import Heading, RiskAction
from throughcare.records import services as records
from throughcare.records.lifecycle import State

from .plans import HOUSING, Cast, partner

# The risk management plan and licence conditions ----------------------------------------------


def _factors(person: Person, *words: str) -> tuple[str, ...]:
    """The assessment's risk factors whose key or label holds one of the words (the first
    factor if none does: every action names one)."""
    found = risk_facts.risk_factors(person)
    chosen = tuple(f.key for f in found if any(w in f"{f.key} {f.label}".lower() for w in words))
    return chosen or tuple(f.key for f in found[:1])


def _action(cast: Cast, heading: str, words: tuple[str, ...], **values: Any) -> RiskAction:
    return riskplan.add_action(
        user=cast.pom,
        person=cast.person,
        new=riskplan.NewAction(heading=heading, factors=_factors(cast.person, *words), **values),
    )


def risk_plan(cast: Cast, *, victim: bool) -> None:
    """Key information, an action under each heading naming the risk factors it manages, and
    two additional licence conditions with their risks and justifications (a draft)."""
    pom, person = cast.pom, cast.person
    riskplan.save_key_information(
        user=pom,
        person=person,
        situation="Violence follows heavy drinking; the risk is to men he does not know, in and "
        "around pubs at night, and to his former partner. Abstinent in custody.",
        considerations="The first weeks after release, without a settled routine, are when "
        "the risk is highest.",
        expected=0,
    )
    _action(
        cast,
        Heading.SUPERVISION,
        ("temper", "increase"),
        action="Weekly appointments at Northbridge probation office, covering drinking, "
        "temper and how the hostel is going",
        by_whom="Community offender manager",
        when="Weekly for the first three months",
    )
    _action(
        cast,
        Heading.MONITORING,
        ("accommodation",),
        action="Check with Safe Harbour staff every week that he is living there and sober",
        by_whom="Safe Harbour key worker and community offender manager",
        organisation=partner(HOUSING),
        when="Weekly",
    )
    drinking = _action(
        cast,
        Heading.INTERVENTIONS,
        ("alcohol", "drug"),
        action="Alcohol treatment with Clear Path: assessment in the first week, then group work",
        by_whom="Clear Path Drug and Alcohol Service",
        when="From the first week after release",
    )
    _action(
        cast,
        Heading.VICTIM_SAFETY,
        ("public", "known", "adult") if victim else ("public",),
        action="No contact with his former partner; victim liaison tells her of the release "
        "date and the licence conditions"
        if victim
        else "Keep him away from the town-centre bars where the offence happened",
        by_whom="Community offender manager and victim liaison officer"
        if victim
        else "Community offender manager",
        when="Before release and throughout the licence",
    )
    _action(
        cast,
        Heading.CONTINGENCY,
        ("alcohol", "drug", "increase"),
        contingency_if="He starts drinking again or is not at the hostel overnight",
        action="See him within two working days, review the plan and consider a warning or recall",
        by_whom="Community offender manager, with the senior probation officer",
        when="Within two working days",
    )
    covered = {key for a in RiskAction.objects.filter(person=person) for key in a.factors}
    left = tuple(f.key for f in risk_facts.risk_factors(person) if f.key not in covered)
    if left:  # the risks in custody, at high risk
        riskplan.add_action(
            user=pom,
            person=person,
            new=riskplan.NewAction(
                heading=Heading.MONITORING,
                action="Until release: security and his key worker report any threat to staff "
                "or other prisoners, and the POM reviews it with him",
                by_whom="Prison offender manager",
                when="Monthly until release",
                factors=left,
            ),
        )
    pub = next(
        c for c in catalogue.catalogue().additional if c.text.startswith("Not to enter a drinking")
    )
    riskplan.add_condition(
        user=pom,
        person=person,
        code=pub.code,
        new=riskplan.NewCondition(
            inputs={pub.blanks[0].name: "AT ANY TIME"},
            risk_action=drinking,
            justification="Each of his violent offences followed drinking in a pub; keeping him "
            "out of pubs for the licence protects the public, and he can still work and see "
            "his family.",
        ),
    )
    if victim:
        contact = next(c for c in catalogue.catalogue().additional if c.check == "victim")
        riskplan.add_condition(
            user=pom,
            person=person,
            code=contact.code,
            new=riskplan.NewCondition(
                inputs={
                    contact.blanks[0].name: "Sam Whitfield",
                    contact.blanks[1].name: "Northbridge Children's Services",
                },
                factors=_factors(person, "known", "adult", "public"),
                justification="She has asked for no contact through victim liaison; the "
                "offence was against her, so the condition is needed to protect her.",
            ),
        )
    else:
        zone = next(
            c for c in catalogue.catalogue().additional if c.check == "exclusion" and not c.blanks
        )
        riskplan.add_condition(
            user=pom,
            person=person,
            code=zone.code,
            new=riskplan.NewCondition(
                inputs={catalogue.ZONE: "NB1"},
                factors=_factors(person, "public", "increase"),
                justification="The offence was in the town-centre late bars (NB1); the zone "
                "keeps him away from them while he lives and works elsewhere.",
            ),
        )


def submit_risk_plan(cast: Cast) -> None:
    version = riskplan.submit(user=cast.pom, person=cast.person)
    if version.state == State.SUBMITTED:
        records.countersign(cast.spo, version)
