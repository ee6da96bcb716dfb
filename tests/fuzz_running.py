"""The running-the-plan block of the form fuzz (issue 12 point 7), kept apart so the fuzz's
other blocks merge cleanly: the forms, what the fuzz's world needs for them, their URL
arguments and the case models a refused post must leave alone."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.planning.running import services
from throughcare.planning.running.models import (
    EnforcementRecommendation,
    Escalation,
    Review,
    Setback,
)

MODELS = (Review, Setback, Escalation, EnforcementRecommendation)


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def plant(com: User, person: Any) -> dict[str, Any]:
    """A scheduled review due today (to complete) and an open escalation (to answer)."""
    review = services.schedule_review(
        user=com, person=person, due_on=clock.today(), reason=Review.Reason.SCHEDULED
    )
    escalation = services.raise_escalation(user=com, person=person, reason="Missed curfew")
    return {"plan_review": review, "escalation": escalation}


def url_values(world: dict[str, Any]) -> dict[str, Any]:
    return {"review_id": world["plan_review"].pk, "escalation_id": world["escalation"].pk}


def _page(name: str) -> str:
    return f"running:{name}"


def forms(fuzzed: Any) -> dict[str, Any]:
    """The forms of running the plan, as `tests.fuzz_forms.Fuzzed` (passed in, to avoid a
    cycle)."""
    return {
        _page("review-create"): fuzzed(
            _page("review-create"),
            "com",
            lambda w: {
                **_date("due_on", clock.today() + timedelta(days=7)),
                "reason": "other",
                "details": "New job with night shifts",
            },
        ),
        _page("review-complete"): fuzzed(
            _page("review-complete"),
            "com",
            lambda w: {
                **_date("completed_on", clock.today()),
                "summary": "Going well",
                "changes": "Step added",
                **_date("next_review_on", clock.today() + timedelta(days=42)),
            },
        ),
        _page("setback-create"): fuzzed(
            _page("setback-create"),
            "com",
            lambda w: {
                **_date("occurred_on", clock.today()),
                "kind": "lapse",
                "what_happened": "Drank again",
                "response": "Alcohol worker told",
            },
        ),
        _page("escalation-create"): fuzzed(
            _page("escalation-create"), "com", lambda w: {"reason": "Threats reported"}
        ),
        _page("escalation-respond"): fuzzed(
            _page("escalation-respond"), "spo", lambda w: {"response": "Warning letter"}
        ),
        _page("recommendation-create"): fuzzed(
            _page("recommendation-create"),
            "com",
            lambda w: {
                "recommendation": "warning",
                "reasons": "Missed curfew twice",
                "escalation": str(w["escalation"].pk),
            },
        ),
    }


__all__ = ["MODELS", "forms", "plant", "url_values"]
