"""The assessment, read only: the current (locked) assessment's headline for systems that act on
risk (an approved premises' booking system, a partner's case system), never its answers.

A caller whose role sees the full assessment gets the levels in the community and in custody,
OGRS3 and the judgement; a partner whose agreement shares only the risk of serious harm
summary gets the levels in the community alone, as on the page."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from throughcare.access.gate import Channel, access_person
from throughcare.access.policy import Action
from throughcare.assessment import queries as assessment_queries
from throughcare.assessment.sections.harm import levels_by_group
from throughcare.core.errors import NotFound

from .auth import caller
from .models import Scope
from .people import READ_ERRORS

router = Router(tags=["assessments"])


class LevelOut(Schema):
    group: str = Field(
        description="Who is at risk: children, public, known adult, staff, prisoners"
    )
    community: str | None = Field(description="Low, medium, high or very high; null: not rated")
    custody: str | None = Field(
        default=None, description="In custody; left out for a partner who sees the community only"
    )


class AssessmentOut(Schema):
    version: int = Field(description="The number of the current (locked) version")
    locked_at: datetime | None
    countersigned: bool
    overall: str | None = Field(
        description="The overall risk of serious harm (the highest level); for a partner who "
        "sees the community only, the highest in the community"
    )
    levels: list[LevelOut]
    ogrs3_band: str | None = None
    ogrs3_two_year: float | None = Field(default=None, description="0 to 1, full precision")
    judgement: str | None = None
    departs_from_band: bool | None = None
    review_due: bool | None = None
    open_version_state: str | None = Field(
        default=None, description="The state of a newer version being written or countersigned"
    )


@router.get(
    "/people/{person_id}/assessment",
    response={200: AssessmentOut, **READ_ERRORS},
    summary="Get the current assessment's headline",
)
def get_assessment(request: HttpRequest, person_id: UUID) -> AssessmentOut:
    """404 when the caller may not see it, or there is no locked assessment yet."""
    user = caller(request).require(Scope.ASSESSMENTS_READ)
    access = access_person(
        user, person_id, action=Action.VIEW, channel=Channel.API, record_type="assessment"
    )
    if not assessment_queries.may_read_summary(access):
        raise NotFound("No such person")
    found = assessment_queries.assessment(access)
    current = found.current if found else None
    if found is None or current is None:
        raise NotFound("No assessment yet")
    full = assessment_queries.may_read_full(access)
    table = levels_by_group(current.content.get("rosh", {}), community_only=not full)
    rows = [
        LevelOut(
            group=row.group,
            community=row.community.key if row.community else None,
            custody=row.custody.key if row.custody else None,
        )
        for row in table
    ]
    rated = [level for row in table for level in (row.community, row.custody) if level]
    out = AssessmentOut(
        version=current.number,
        locked_at=current.locked_at,
        countersigned=current.countersigned_by_id is not None,
        overall=max(rated).key if rated else None,
        levels=rows,
    )
    if full:
        out.ogrs3_band = found.ogrs3_band or None
        out.ogrs3_two_year = found.ogrs3_two_year
        out.judgement = found.judged_likelihood or None
        out.departs_from_band = found.departs
        out.review_due = found.review_due
        out.open_version_state = found.open.state if found.open else None
    return out
