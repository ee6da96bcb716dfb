"""MARAC referral thresholds (risk.md): visible high risk at 14 or more "yes" answers, never
downgraded by judgement; professional judgement; potential escalation at 3 or more incidents in
12 months; honour-based abuse, forced marriage and FGM whatever the count."""

from __future__ import annotations

from typing import Any

import pytest

from throughcare.assessment.rules.dash import (
    POTENTIAL_ESCALATION_INCIDENTS,
    VISIBLE_HIGH_RISK,
    marac_reasons,
)

NONE: dict[str, Any] = {
    "yes_answers": None,
    "incidents_in_12_months": None,
    "professional_judgement": False,
    "honour_based_abuse": False,
    "forced_marriage": False,
    "fgm": False,
}


def reasons(**given: Any) -> list[str]:
    return marac_reasons(**{**NONE, **given})


def test_thresholds_are_those_of_risk_md() -> None:
    assert VISIBLE_HIGH_RISK == 14
    assert POTENTIAL_ESCALATION_INCIDENTS == 3


def test_nothing_known_no_referral() -> None:
    assert reasons() == []


@pytest.mark.parametrize(
    ("yes", "due"), [(0, False), (13, False), (14, True), (15, True), (27, True)]
)
def test_visible_high_risk(yes: int, due: bool) -> None:
    found = reasons(yes_answers=yes)
    assert bool(found) is due
    if due:
        assert found[0].startswith(f"Visible high risk: {yes}")
        assert "must not be used to downgrade" in found[0]


def test_judgement_does_not_downgrade_visible_high_risk() -> None:
    # Professional judgement says no referral; 14 "yes" answers still make one due.
    found = reasons(yes_answers=14, professional_judgement=False, incidents_in_12_months=0)
    assert len(found) == 1
    assert found[0].startswith("Visible high risk")


def test_professional_judgement_alone() -> None:
    assert reasons(professional_judgement=True) == [
        "Professional judgement: a referral is judged necessary"
    ]
    assert len(reasons(yes_answers=2, incidents_in_12_months=1, professional_judgement=True)) == 1


@pytest.mark.parametrize(("incidents", "due"), [(0, False), (2, False), (3, True), (7, True)])
def test_potential_escalation(incidents: int, due: bool) -> None:
    found = reasons(incidents_in_12_months=incidents)
    assert bool(found) is due
    if due:
        assert found == [
            f"Potential escalation: {incidents} domestic abuse incidents in the last 12 months "
            "(3 or more)"
        ]


@pytest.mark.parametrize(
    ("flag", "words"),
    [
        ("honour_based_abuse", "Suspected honour-based abuse"),
        ("forced_marriage", "Suspected forced marriage"),
        ("fgm", "Suspected female genital mutilation"),
    ],
)
@pytest.mark.parametrize(("yes", "incidents"), [(None, None), (0, 0), (1, 1)])
def test_whatever_the_count(flag: str, words: str, yes: int | None, incidents: int | None) -> None:
    assert reasons(**{flag: True}, yes_answers=yes, incidents_in_12_months=incidents) == [
        f"{words}: referred whatever the count"
    ]


def test_every_reason_listed_in_order() -> None:
    found = reasons(
        yes_answers=20,
        incidents_in_12_months=4,
        professional_judgement=True,
        honour_based_abuse=True,
        forced_marriage=True,
        fgm=True,
    )
    assert [reason.split(":")[0] for reason in found] == [
        "Visible high risk",
        "Professional judgement",
        "Potential escalation",
        "Suspected honour-based abuse",
        "Suspected forced marriage",
        "Suspected female genital mutilation",
    ]


@pytest.mark.parametrize("name", ["yes_answers", "incidents_in_12_months"])
def test_negative_counts_refused(name: str) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        reasons(**{name: -1})
