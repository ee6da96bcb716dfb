"""The risk management plan block of the form fuzz (issue 12), kept apart so the fuzz's other
blocks merge cleanly: the forms, what the fuzz's world needs for them, their URL arguments and
the case models a refused post must leave alone."""

from __future__ import annotations

from typing import Any

from throughcare.access.models import User
from throughcare.planning.riskplan import catalogue, services
from throughcare.planning.riskplan.models import LicenceCondition, RiskAction

MODELS = (RiskAction, LicenceCondition)
# A condition with a choice and a free-text blank.
RESIDENCE = next(
    c.code for c in catalogue.catalogue().additional if c.text.startswith("Not to reside")
)


def _action(owner: User, person: Any, text: str) -> RiskAction:
    return services.add_action(
        user=owner,
        person=person,
        new=services.NewAction.from_cleaned(
            {"heading": "supervision", "action": text, "by_whom": "COM", "when": "Weekly"}
        ),
    )


def plant(owner: User, person: Any) -> dict[str, Any]:
    """A plan ready to submit (by its owner, the prison offender manager): the key information,
    an action a licence condition serves, and another action (which can be removed)."""
    services.save_key_information(
        user=owner, person=person, situation="In custody", considerations="", expected=0
    )
    served = _action(owner, person, "Weekly appointments")
    spare = _action(owner, person, "Home visits")
    condition = services.add_condition(
        user=owner,
        person=person,
        code=RESIDENCE,
        new=services.NewCondition(
            inputs={"blank_0": "ANY", "blank_1": "16"},
            risk_action=served,
            justification="Offence against a child",
        ),
    )
    return {"risk_action": spare, "licence_condition": condition}


def url_values(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "action_id": world["risk_action"].pk,
        "condition_id": world["licence_condition"].pk,
        "code": RESIDENCE,
    }


def _page(name: str) -> str:
    return f"riskplan:{name}"


def _action_values(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "heading": "contingency",
        "contingency_if": "He misses two appointments",
        "action": "Consider recall",
        "by_whom": "COM and SPO",
        "when": "The same day",
    }


def _condition_values(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "blank_0": "ANY FEMALE",
        "blank_1": "16",
        "risk_action": str(w["licence_condition"].risk_action_id),
        "justification": "The victim was a girl of 14",
    }


def forms(fuzzed: Any) -> dict[str, Any]:
    """The risk plan's forms, as `tests.fuzz_forms.Fuzzed` (passed in, to avoid a cycle)."""
    return {
        _page("key-information"): fuzzed(
            _page("key-information"),
            "pom",
            lambda w: {"situation": "Due out in a month", "considerations": "MAPPA level 1"},
        ),
        _page("action-create"): fuzzed(_page("action-create"), "pom", _action_values),
        _page("action"): fuzzed(_page("action"), "pom", _action_values),
        _page("action-remove"): fuzzed(_page("action-remove"), "pom", lambda w: {}),
        _page("condition-create"): fuzzed(_page("condition-create"), "pom", _condition_values),
        _page("condition"): fuzzed(_page("condition"), "pom", _condition_values),
        _page("condition-remove"): fuzzed(_page("condition-remove"), "pom", lambda w: {}),
        _page("check"): fuzzed(_page("check"), "pom", lambda w: {}),
    }


__all__ = ["MODELS", "forms", "plant", "url_values"]
