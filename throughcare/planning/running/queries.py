"""Reads of running the plan: through the access policy for the pages (the case team,
`VIEW_PLAN`), and `running_for(person)` for a caller that has checked access already (the
pre-release report)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from throughcare.access.policy import Access, Action
from throughcare.core import clock
from throughcare.core.errors import NotFound
from throughcare.ui.forms import LARGEST_ID

from .models import EnforcementRecommendation, Escalation, Review, Setback

if TYPE_CHECKING:
    from throughcare.people.models import Person

LAST_SETBACKS = 3


def _may(access: Access) -> bool:
    return access.can(Action.VIEW_PLAN)


def reviews(access: Access) -> QuerySet[Review]:
    if not _may(access):
        return Review.objects.none()
    return Review.objects.filter(person=access.person).select_related("completed_by")


def review(access: Access, review_id: int) -> Review:
    found = reviews(access).filter(pk=review_id).first() if 0 < review_id <= LARGEST_ID else None
    if found is None:
        raise NotFound("No such review")
    return found


def setbacks(access: Access) -> QuerySet[Setback]:
    if not _may(access):
        return Setback.objects.none()
    return Setback.objects.filter(person=access.person).select_related("created_by")


def escalations(access: Access) -> QuerySet[Escalation]:
    if not _may(access):
        return Escalation.objects.none()
    return Escalation.objects.filter(person=access.person).select_related(
        "raised_by", "responded_by"
    )


def escalation(access: Access, escalation_id: int) -> Escalation:
    found = (
        escalations(access).filter(pk=escalation_id).first()
        if 0 < escalation_id <= LARGEST_ID
        else None
    )
    if found is None:
        raise NotFound("No such escalation")
    return found


def recommendations(access: Access) -> QuerySet[EnforcementRecommendation]:
    if not _may(access):
        return EnforcementRecommendation.objects.none()
    return EnforcementRecommendation.objects.filter(person=access.person).select_related(
        "recorded_by", "escalation"
    )


def reviews_due_of(person_ids: Collection[Any]) -> QuerySet[Review]:
    """For the caseload's flag: the reviews of the plan of these people (already chosen by the
    policy) due today or earlier, not yet read (the flag is asked with the others in one
    query)."""
    return Review.objects.filter(
        person_id__in=list(person_ids), completed_on__isnull=True, due_on__lte=clock.today()
    )


def review_due_people(person_ids: Collection[Any]) -> list[Any]:
    """Of these people, those with a review of the plan due today or earlier."""
    return list(
        reviews_due_of(person_ids)
        .order_by()  # the model's ordering would join the DISTINCT, repeating people
        .values_list("person_id", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class ReviewView:
    due_on: date
    reason: str
    details: str
    overdue: bool


@dataclass(frozen=True)
class SetbackView:
    occurred_on: date
    kind: str
    what_happened: str
    response: str


@dataclass(frozen=True)
class EscalationView:
    raised_on: date
    raised_by: str
    reason: str


@dataclass(frozen=True)
class RecommendationView:
    recorded_on: date
    recommendation: str
    reasons: str
    recorded_by: str


@dataclass(frozen=True)
class RunningView:
    """- open_reviews: the reviews due, soonest first;
    - last_setbacks: the latest setbacks and lapses, latest first;
    - open_escalations: escalations without the SPO's response, latest first;
    - last_recommendation: the latest enforcement or recall recommendation, if any."""

    open_reviews: list[ReviewView]
    last_setbacks: list[SetbackView]
    open_escalations: list[EscalationView]
    last_recommendation: RecommendationView | None

    @property
    def next_review(self) -> ReviewView | None:
        return self.open_reviews[0] if self.open_reviews else None


def running_for(person: Person, setbacks_shown: int = LAST_SETBACKS) -> RunningView:
    """How the plan is running for the person, read without a user (the caller has checked
    access)."""
    today = clock.today()
    open_reviews = [
        ReviewView(r.due_on, r.get_reason_display(), r.details, r.due_on < today)
        for r in Review.objects.filter(person=person, completed_on__isnull=True).order_by(
            "due_on", "pk"
        )
    ]
    last_setbacks = [
        SetbackView(s.occurred_on, s.get_kind_display(), s.what_happened, s.response)
        for s in Setback.objects.filter(person=person).order_by("-occurred_on", "-pk")[
            :setbacks_shown
        ]
    ]
    open_escalations = [
        EscalationView(timezone.localdate(e.created_at), e.raised_by.full_name, e.reason)
        for e in Escalation.objects.filter(person=person, responded_at__isnull=True)
        .select_related("raised_by")
        .order_by("-created_at", "-pk")
    ]
    last = (
        EnforcementRecommendation.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("-created_at", "-pk")
        .first()
    )
    return RunningView(
        open_reviews=open_reviews,
        last_setbacks=last_setbacks,
        open_escalations=open_escalations,
        last_recommendation=RecommendationView(
            timezone.localdate(last.created_at),
            last.get_recommendation_display(),
            last.reasons,
            last.recorded_by.full_name,
        )
        if last is not None
        else None,
    )


def panel(access: Access) -> dict[str, Any] | None:
    """The Plan page's panel: for the case team only."""
    if not _may(access):
        return None
    return {"running": running_for(access.person), "may_edit": access.can(Action.EDIT)}
