"""The headline: OGRS3 from the stored inputs against the Ministry of Justice's figures, or why
it is not calculable; the RoSH levels; the judgement against the band; MARAC reasons; and the
inputs stored so a score can be explained later."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from throughcare.assessment.rules.rosh import CELLS, Level
from throughcare.assessment.sections.harm import cell_field
from throughcare.assessment.sections.headline import (
    INSTRUMENT,
    INSTRUMENT_VERSION,
    RecordFacts,
    headline,
    ogrs3_inputs,
)

from .helpers import FACTS


def golden_case(golden_master: list[dict[str, Any]]) -> dict[str, Any]:
    case = golden_master[0]  # male, taking and driving away, 25 previous sanctions
    assert case["previous_sanctions"] == 25
    return case


def facts_of(case: dict[str, Any]) -> RecordFacts:
    return RecordFacts(
        date_of_birth=date.fromisoformat(case["birth_date"]),
        sex=case["sex"],
        offence_category=case["offence_category"],
        offence_description="Aggravated vehicle taking",
        conviction_date=date.fromisoformat(case["conviction_date"]),
    )


def ogrs3_answers(case: dict[str, Any]) -> dict[str, Any]:
    """The section as stored (JSON: ISO dates)."""
    return {
        "previous_sanctions": case["previous_sanctions"],
        "first_sanction_date": case["first_sanction_date"],
        "history_source": "Police National Computer record",
        "history_date": "2013-03-01",
    }


def test_ogrs3_matches_the_reference_calculator(golden_master: list[dict[str, Any]]) -> None:
    case = golden_case(golden_master)
    today = date.fromisoformat(case["assessment_date"])
    result = headline({"ogrs3": ogrs3_answers(case)}, facts_of(case), today).ogrs3
    assert result is not None
    assert result.one_year == pytest.approx(case["expected_1y"], abs=1e-9)
    assert result.two_year == pytest.approx(case["expected_2y"], abs=1e-9)
    assert (result.one_year_percent, result.two_year_percent, result.band) == (81, 90, "Very high")
    assert [term.key for term in result.terms] == ["age_sex", "sanctions", "copas", "offence"]


def test_a_first_offence_uses_the_conviction_date(golden_master: list[dict[str, Any]]) -> None:
    case = next(
        c
        for c in golden_master
        if c["previous_sanctions"] == 0 and c["first_sanction_date"] == c["conviction_date"]
    )
    answers = {**ogrs3_answers(case), "first_sanction_date": ""}
    result = headline(
        {"ogrs3": answers}, facts_of(case), date.fromisoformat(case["assessment_date"])
    ).ogrs3
    assert result is not None
    assert result.two_year == pytest.approx(case["expected_2y"], abs=1e-9)


def test_not_calculable_says_why() -> None:
    nothing = headline({}, FACTS, date(2026, 11, 24))
    assert nothing.ogrs3 is None
    assert nothing.ogrs3_problems == ("Enter the number of previous sanctions.",)
    uncategorised = dataclasses.replace(FACTS, offence_category=None)
    found = headline({"ogrs3": {"previous_sanctions": 0}}, uncategorised, date(2026, 11, 24))
    assert found.ogrs3 is None and found.band is None
    assert found.ogrs3_problem.startswith(
        "The main offence has not been placed in an OGRS3 category"
    )


def test_the_inputs_stored_explain_the_score(golden_master: list[dict[str, Any]]) -> None:
    case = golden_case(golden_master)
    today = date.fromisoformat(case["assessment_date"])
    stored = ogrs3_inputs({"ogrs3": ogrs3_answers(case)}, facts_of(case), today)
    json.dumps(stored)  # stored as JSON with the assessment
    assert stored["instrument"] == INSTRUMENT and stored["version"] == INSTRUMENT_VERSION
    for name in (
        "sex",
        "birth_date",
        "offence_category",
        "conviction_date",
        "previous_sanctions",
        "first_sanction_date",
        "assessment_date",
    ):
        assert stored[name] == case[name], name
    assert stored["sources"]["previous_sanctions"] == "Police National Computer record"
    assert stored["sources"]["birth_date"] == "From the person's record"
    first = ogrs3_inputs({"ogrs3": {"previous_sanctions": 0}}, FACTS, today)
    assert first["first_sanction_date"] == "2024-03-12" and not first["first_sanction_typed"]


def test_rosh_levels_overall_and_in_the_community() -> None:
    answers = {cell_field(g, s): "low" for g, s in CELLS}
    answers.update(known_adult_community="high", staff_custody="very high")
    found = headline({"rosh": answers}, FACTS, date(2026, 11, 24))
    assert found.overall is Level.VERY_HIGH
    assert found.overall_community is Level.HIGH
    assert found.overall_custody is Level.VERY_HIGH
    assert found.community["known adult"] is Level.HIGH
    assert "prisoners" not in found.community
    assert headline({}, FACTS, date(2026, 11, 24)).overall is None


def test_judgement_against_the_band(golden_master: list[dict[str, Any]]) -> None:
    case = golden_case(golden_master)
    today = date.fromisoformat(case["assessment_date"])
    content = {"ogrs3": ogrs3_answers(case), "likelihood": {"judged": "High"}}
    found = headline(content, facts_of(case), today)
    assert (found.band, found.judged, found.departs, found.direction) == (
        "Very high",
        "High",
        True,
        "lower",
    )
    same = headline({**content, "likelihood": {"judged": "Very high"}}, facts_of(case), today)
    assert not same.departs and same.direction == ""


def test_marac_reasons_from_the_domestic_abuse_answers() -> None:
    content = {
        "domestic-abuse": {
            "dash_received": "yes",
            "dash_yes_answers": 15,
            "suspected": ["forced marriage"],
            "professional_judgement": "no",
        }
    }
    reasons = headline(content, FACTS, date(2026, 11, 24)).marac_reasons
    assert len(reasons) == 2
    ignored = {
        "domestic-abuse": {**content["domestic-abuse"], "dash_received": "no", "suspected": []}
    }
    assert headline(ignored, FACTS, date(2026, 11, 24)).marac_reasons == ()


def test_today_comes_from_the_clock_when_not_given() -> None:
    stored = ogrs3_inputs({"ogrs3": {"previous_sanctions": 0}}, FACTS)
    assert stored["assessment_date"] == "2026-11-24"
