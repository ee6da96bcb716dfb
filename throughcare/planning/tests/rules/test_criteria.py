"""Each default decision criterion, table-tested on its own (pure: no database)."""

from __future__ import annotations

from datetime import date

import pytest

from throughcare.planning.rules import criteria as cr
from throughcare.planning.rules.criteria import Chosen, Consultation, Facts, Plan

RELEASE = date(2027, 1, 5)


@pytest.mark.parametrize(
    ("facts", "met", "evidence"),
    [
        (
            Facts(release_date=RELEASE),
            False,
            "No accommodation option chosen yet (release date 5 January 2027)",
        ),
        (Facts(), False, "No accommodation option chosen yet"),
        (
            Facts(accommodation=(Chosen("Safe Harbour hostel", date(2026, 11, 20)),)),
            True,
            "Safe Harbour hostel, chosen on 20 November 2026",
        ),
    ],
)
def test_somewhere_to_live_on_the_night_of_release(facts: Facts, met: bool, evidence: str) -> None:
    assert cr.accommodation_on_release(facts) == cr.Result(met, evidence)


@pytest.mark.parametrize(
    ("facts", "met", "evidence"),
    [
        (Facts(), False, "Risk of serious harm not assessed yet"),
        (Facts(rosh="medium"), True, "Not needed: the risk of serious harm is medium"),
        (Facts(rosh="high"), False, "No risk management plan yet"),
        (
            Facts(rosh="very high", plan=Plan(None)),
            False,
            "The risk management plan is not countersigned yet",
        ),
        (
            Facts(rosh="high", plan=Plan(date(2026, 11, 2))),
            True,
            "Countersigned on 2 November 2026",
        ),
    ],
)
def test_risk_management_plan_countersigned_when_high(
    facts: Facts, met: bool, evidence: str
) -> None:
    assert cr.plan_countersigned_when_high(facts) == cr.Result(met, evidence)


@pytest.mark.parametrize(
    ("facts", "met", "evidence"),
    [
        (Facts(), True, "Not needed: no victim is recorded"),
        (Facts(has_victim=True), False, "No victim liaison consultation recorded"),
        (
            Facts(
                has_victim=True,
                consultations=(
                    Consultation(date(2026, 10, 1), "Victim liaison officer"),
                    Consultation(date(2026, 11, 3), "Victim liaison unit"),
                ),
            ),
            True,
            "Consulted on 3 November 2026 (Victim liaison unit)",
        ),
    ],
)
def test_victim_liaison_consulted_where_there_is_a_victim(
    facts: Facts, met: bool, evidence: str
) -> None:
    assert cr.victim_liaison_consulted(facts) == cr.Result(met, evidence)


def test_every_rule_is_named_and_evaluated_by_its_key() -> None:
    assert set(cr.RULES) == {
        "accommodation on release",
        "plan countersigned when high",
        "victim liaison consulted",
    }
    assert cr.evaluate("victim liaison consulted", Facts()).met
