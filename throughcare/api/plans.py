"""The plan, read only (issue 12; issue 13 "read-only summaries of plans"): the resettlement
plan, the risk management plan, the licence conditions, readiness for release, the handover
and the release, for systems that act on the plan (a partner's case system, a dashboard).

The same policy as the Plan page: the case team ("see the resettlement plan, risk management
plan and release") reads it all as it stands, but victim safety planning only when they may
view victims; a partner whose agreement covers "plan" or "risk_plan" reads only their part of
the signed plans (their steps, their actions and the contingency plans naming them, never
victim safety planning) and nothing else of it; anyone else gets a 404. Never progress notes,
the key information or the person's words."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from throughcare.access.gate import Channel, access_person
from throughcare.access.policy import Access, Action
from throughcare.audit.models import RecordType
from throughcare.core.errors import NotFound
from throughcare.planning.release import queries as release_queries
from throughcare.planning.resettlement import partner as resettlement_partner
from throughcare.planning.resettlement import queries as resettlement_queries
from throughcare.planning.riskplan import partner as riskplan_partner
from throughcare.planning.riskplan import queries as riskplan_queries
from throughcare.planning.riskplan.models import Heading

from .auth import caller
from .models import Scope
from .people import READ_ERRORS

router = Router(tags=["plans"])


class StepOut(Schema):
    description: str
    owner: str = Field(description="Who does it: the person, an offender manager, or the partner")
    due_date: date | None
    status: str


class GoalOut(Schema):
    pathway: str
    area_of_need: str | None = Field(description="Null for a partner")
    title: str
    status: str | None = Field(description="Null for a partner")
    target_date: date | None = None
    steps: list[StepOut]


class ResettlementPlanOut(Schema):
    state: str = Field(description="Draft, Submitted, Returned, Countersigned or Locked")
    agreement: str | None = Field(
        description="The person's agreement (agreed, does not agree, ...); null for a partner"
    )
    agreed_on: date | None = None
    goals: list[GoalOut]


class RiskActionOut(Schema):
    action: str
    contingency_if: str = Field(description="Contingency plans only: if this happens")
    by_whom: str
    organisation: str | None = None
    when: str
    factors: list[str] = Field(description="The risk factors it manages")


class RiskHeadingOut(Schema):
    heading: str
    actions: list[RiskActionOut]


class RiskPlanOut(Schema):
    state: str
    version: int
    headings: list[RiskHeadingOut]
    unmanaged_factors: list[str] | None = Field(
        description="Risk factors no action manages; null for a partner"
    )


class ConditionOut(Schema):
    category: str
    text: str


class LicenceOut(Schema):
    standard: list[str]
    additional: list[ConditionOut]


class ReadinessOut(Schema):
    ready: bool
    ready_on: date | None
    unmet: list[str] = Field(description="The decision criteria not met today")


class HandoverOut(Schema):
    due_on: date | None
    handed_over_on: date | None
    accepted: bool


class ReleaseOut(Schema):
    stage: str = Field(description="In custody, or On licence")
    released_on: date | None


class PlanOut(Schema):
    part_only: bool = Field(
        description="True for a partner: only their part of the signed plans, the rest null"
    )
    resettlement_plan: ResettlementPlanOut | None
    risk_management_plan: RiskPlanOut | None
    licence_conditions: LicenceOut | None = None
    readiness: ReadinessOut | None = None
    handover: HandoverOut | None = None
    release: ReleaseOut | None = None


def _resettlement(access: Access) -> ResettlementPlanOut | None:
    found = resettlement_queries.plan_for(access.person)
    if found is None:
        return None
    return ResettlementPlanOut(
        state=found.state,
        agreement=found.agreement.label,
        agreed_on=found.agreed_on,
        goals=[
            GoalOut(
                pathway=goal.pathway,
                area_of_need=goal.area,
                title=goal.title,
                status=goal.status,
                target_date=goal.target_date,
                steps=[
                    StepOut(
                        description=s.description,
                        owner=s.owner,
                        due_date=s.due_date,
                        status=s.status,
                    )
                    for s in goal.steps
                ],
            )
            for goal in found.goals
        ],
    )


def _risk_plan(access: Access) -> RiskPlanOut | None:
    found = riskplan_queries.risk_plan_for(access.person)
    if found is None:
        return None
    victims = access.can(Action.VIEW_VICTIMS)
    return RiskPlanOut(
        state=found.state,
        version=found.version,
        headings=[
            RiskHeadingOut(
                heading=heading.label,
                actions=[
                    RiskActionOut(
                        action=a.action,
                        contingency_if=a.contingency_if,
                        by_whom=a.by_whom,
                        organisation=a.organisation or None,
                        when=a.when,
                        factors=list(a.factors),
                    )
                    for a in heading.actions
                ],
            )
            for heading in found.headings
            if victims or heading.key != Heading.VICTIM_SAFETY
        ],
        unmanaged_factors=list(found.uncovered),
    )


def _whole(access: Access) -> PlanOut:
    person = access.person
    licence = riskplan_queries.licence_for(person)
    readiness = release_queries.readiness_for(
        person, may_see_victims=access.can(Action.VIEW_VICTIMS)
    )
    handover = release_queries.handover(person)
    released = release_queries.release(person)
    return PlanOut(
        part_only=False,
        resettlement_plan=_resettlement(access),
        risk_management_plan=_risk_plan(access),
        licence_conditions=LicenceOut(
            standard=list(licence.standard),
            additional=[ConditionOut(category=c.category, text=c.text) for c in licence.additional],
        ),
        readiness=ReadinessOut(
            ready=readiness.ready_on is not None,
            ready_on=readiness.ready_on,
            unmet=[c.title for c in readiness.unmet],
        ),
        handover=HandoverOut(
            due_on=handover.due_on if handover else release_queries.handover_due(person),
            handed_over_on=handover.handed_over_on if handover else None,
            accepted=bool(handover and handover.accepted),
        ),
        release=ReleaseOut(
            stage=release_queries.ON_LICENCE if released else release_queries.IN_CUSTODY,
            released_on=released.released_on if released else None,
        ),
    )


def _partner_part(access: Access) -> PlanOut:
    organisation = access.user.organisation
    assert organisation is not None  # noqa: S101 - may_see checked it
    plan = None
    if resettlement_partner.may_see(access):
        part = resettlement_partner.part_for(access.person, organisation)
        if part is not None:
            plan = ResettlementPlanOut(
                state="Locked",
                agreement=None,
                goals=[
                    GoalOut(
                        pathway=goal.pathway,
                        area_of_need=None,
                        title=goal.title,
                        status=None,
                        steps=[
                            StepOut(
                                description=s.description,
                                owner=organisation.name,
                                due_date=s.due_date,
                                status=s.status,
                            )
                            for s in goal.steps
                        ],
                    )
                    for goal in part.goals
                ],
            )
    risk = None
    if riskplan_partner.may_see(access):
        found = riskplan_partner.part_for(access.person, organisation)
        if found is not None:
            risk = RiskPlanOut(
                state="Locked",
                version=found.version,
                headings=[
                    RiskHeadingOut(
                        heading=heading.label,
                        actions=[
                            RiskActionOut(
                                action=a.action,
                                contingency_if=a.contingency_if,
                                by_whom=a.by_whom,
                                when=a.when,
                                factors=list(a.factors),
                            )
                            for a in heading.actions
                        ],
                    )
                    for heading in found.headings
                ],
                unmanaged_factors=None,
            )
    return PlanOut(part_only=True, resettlement_plan=plan, risk_management_plan=risk)


@router.get(
    "/people/{person_id}/plan",
    response={200: PlanOut, **READ_ERRORS},
    summary="Get the plan: resettlement plan, risk management plan, licence and release",
)
def get_plan(request: HttpRequest, person_id: UUID) -> PlanOut:
    """404 when the caller may not see the plan. A partner gets only their part of the signed
    plans (`part_only`); a plan not yet started (or, for a partner, not yet signed) is null."""
    user = caller(request).require(Scope.PLANS_READ)
    access = access_person(
        user, person_id, action=Action.VIEW, channel=Channel.API, record_type=RecordType.PLAN
    )
    if access.can(Action.VIEW_PLAN):
        return _whole(access)
    if resettlement_partner.may_see(access) or riskplan_partner.may_see(access):
        return _partner_part(access)
    raise NotFound("No such person")
