"""A risk management plan made through the services, for the riskplan tests."""

from __future__ import annotations

from typing import Any

from throughcare.access.models import User
from throughcare.assessment import services as assessment_services
from throughcare.people.models import Person
from throughcare.planning.riskplan import catalogue, services
from throughcare.planning.riskplan.models import LicenceCondition, RiskAction
from throughcare.records import services as records

EXCLUSION = next(
    c.code for c in catalogue.catalogue().additional if c.check == "exclusion" and not c.blanks
)
VICTIM_CONTACT = next(c.code for c in catalogue.catalogue().additional if c.check == "victim")
PASSPORT = next(
    c.code
    for c in catalogue.catalogue().additional
    if c.text.startswith("To surrender your passport")
)


def assessed(user: User, person: Person, level: str = "medium", **content: dict[str, Any]) -> None:
    """A locked assessment recording risk factors: alcohol or drug use (stable), bereavement
    (acute), the public at `level`, suicide, a severe need in accommodation and what increases
    the risk; `content` replaces whole sections."""
    sections: dict[str, dict[str, Any]] = {
        "rosh": {
            "public_community": level,
            "children_community": "low",
            "known_adult_custody": "low",
            "increases": "Drinking after a row with his brother",
        },
        "needs": {"accommodation_severity": "severe", "health_severity": "standard"},
        "factors": {"stable": ["alcohol or drug use"], "acute": ["bereavement"]},
        "other-risks": {"suicide": "yes", "self_harm": "no"},
    }
    sections.update(content)
    version = assessment_services.start(user, person)
    for key, values in sections.items():
        records.save_section(user, version, key, values, expected=0, complete=True)
    records.submit(user, version, countersignature_reason="")


def action(user: User, person: Person, **values: Any) -> RiskAction:
    data: dict[str, Any] = {
        "heading": "supervision",
        "action": "Weekly appointments at the probation office",
        "by_whom": "Community offender manager",
        "when": "Weekly for the first three months",
        "factors": ["stable:alcohol or drug use"],
    }
    data.update(values)
    return services.add_action(user=user, person=person, new=services.NewAction.from_cleaned(data))


def condition(user: User, person: Person, code: str = PASSPORT, **values: Any) -> LicenceCondition:
    entry = services.entry_for(code)
    return services.add_condition(
        user=user,
        person=person,
        code=code,
        new=services.NewCondition.from_cleaned(entry, values),
    )
