"""The resettlement plan block of the form fuzz (issue 12 point 1), kept apart so the fuzz's
other blocks merge cleanly: the forms, the plan the fuzz's world needs for them (a goal with a
step and the person's agreement, so that it can be submitted), their URL arguments and the case
models a refused post must leave alone. The plan's owner is the prison offender manager."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.planning.resettlement import services
from throughcare.planning.resettlement.models import Goal, Step, StepProgress

MODELS = (Goal, Step, StepProgress)


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def plant(pom: User, person: Any) -> dict[str, Any]:
    goal = services.add_goal(
        user=pom,
        person=person,
        new=services.NewGoal.from_cleaned(
            {
                "pathway": "finance_id",
                "area_of_need": "finance",
                "title": "Have ID and a bank account",
                "status": "active",
                "target_date": clock.today() + timedelta(days=30),
            }
        ),
    )
    step = services.add_step(
        user=pom,
        goal=goal,
        new=services.NewStep.from_cleaned(
            {
                "description": "Apply for a birth certificate",
                "owner": "pom",
                "due_date": clock.today() + timedelta(days=10),
            }
        ),
    )
    services.record_agreement(pom, person, agreement="agreed", words="", expected=0)
    return {"plan_goal": goal, "plan_step": step}


def url_values(world: dict[str, Any]) -> dict[str, Any]:
    return {"goal_id": world["plan_goal"].pk, "step_id": world["plan_step"].pk}


def _page(name: str) -> str:
    return f"resettlement:{name}"


def _goal(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "pathway": "education_work",
        "area_of_need": "education",
        "title": "Find work as a chef",
        "status": "active",
        **_date("target_date", clock.today() + timedelta(days=40)),
    }


def _step(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": "Meet the employment adviser",
        "owner": "partner",
        "organisation": str(w["partner"].pk),
        "status": "not started",
        **_date("due_date", clock.today() + timedelta(days=5)),
    }


def forms(fuzzed: Any) -> dict[str, Any]:
    """The resettlement plan's forms, as `tests.fuzz_forms.Fuzzed` (passed in)."""
    return {
        _page("goal-create"): fuzzed(_page("goal-create"), "pom", _goal),
        _page("goal"): fuzzed(_page("goal"), "pom", _goal),
        _page("goal-remove"): fuzzed(_page("goal-remove"), "pom", lambda w: {}),
        _page("step-create"): fuzzed(_page("step-create"), "pom", _step),
        _page("step"): fuzzed(_page("step"), "pom", _step),
        _page("progress"): fuzzed(
            _page("progress"),
            "com",
            lambda w: {"note": "Form sent to the registry office", "status": "in progress"},
        ),
        _page("agreement"): fuzzed(
            _page("agreement"),
            "pom",
            lambda w: {"agreement": "does not agree", "words": "I want to live with my mum"},
        ),
        _page("submit"): fuzzed(_page("submit"), "pom", lambda w: {}),
    }
