"""Running the plan's part of the subject access export: the reviews of their plan (due and
done, with what changed), the setbacks and lapses recorded and the response, the escalations
to the senior probation officer with the SPO's response (staff opinions about the person, which
they have the right to see), and each enforcement or recall recommendation with its reasons.
Nothing is withheld: none of it is about anyone else by design (a victim's details are kept
on the victim's record, withheld by the people app's part)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from throughcare.core.subject_access import Part, Section

from .models import EnforcementRecommendation, Escalation, Review, Setback

if TYPE_CHECKING:
    from throughcare.people.models import Person


def _name(user: Any) -> str | None:
    return user.full_name if user is not None else None


def _reviews(person: Person) -> list[dict[str, Any]]:
    found = Review.objects.filter(person=person).select_related("completed_by")
    return [
        {
            "due_on": review.due_on,
            "reason": review.get_reason_display(),
            "what_prompted_it": review.details or None,
            "completed_on": review.completed_on,
            "completed_by": _name(review.completed_by),
            "summary": review.summary or None,
            "what_changed": review.changes or None,
        }
        for review in found.order_by("due_on", "pk")
    ]


def _setbacks(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "occurred_on": setback.occurred_on,
            "kind": setback.get_kind_display(),
            "what_happened": setback.what_happened,
            "response": setback.response,
        }
        for setback in Setback.objects.filter(person=person).order_by("occurred_on", "pk")
    ]


def _escalations(person: Person) -> list[dict[str, Any]]:
    found = Escalation.objects.filter(person=person).select_related("raised_by", "responded_by")
    return [
        {
            "raised_on": timezone.localdate(escalation.created_at),
            "raised_by": escalation.raised_by.full_name,
            "reason": escalation.reason,
            "response": escalation.response or None,
            "responded_by": _name(escalation.responded_by),
            "responded_at": escalation.responded_at,
        }
        for escalation in found.order_by("created_at", "pk")
    ]


def _recommendations(person: Person) -> list[dict[str, Any]]:
    found = EnforcementRecommendation.objects.filter(person=person).select_related("recorded_by")
    return [
        {
            "recorded_on": timezone.localdate(item.created_at),
            "recommendation": item.get_recommendation_display(),
            "reasons": item.reasons,
            "recorded_by": item.recorded_by.full_name,
            "follows_an_escalation": item.escalation_id is not None,
        }
        for item in found.order_by("created_at", "pk")
    ]


PART = Part(
    app="running",
    sections=(
        Section("plan_reviews", 96, _reviews, includes="the reviews of their plan"),
        Section(
            "setbacks", 97, _setbacks, includes="the setbacks and lapses recorded, and the response"
        ),
        Section(
            "escalations",
            98,
            _escalations,
            includes="the escalations to a senior probation officer, and the response",
        ),
        Section(
            "enforcement_recommendations",
            99,
            _recommendations,
            includes="the enforcement and recall recommendations made, and the reasons",
        ),
    ),
    covers={
        "running.Review": "plan_reviews",
        "running.Setback": "setbacks",
        "running.Escalation": "escalations",
        "running.EnforcementRecommendation": "enforcement_recommendations",
    },
)
