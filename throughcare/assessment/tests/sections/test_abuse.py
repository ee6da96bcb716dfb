"""Domestic abuse (DASH fields with DASH, a MARAC referral answer whenever a threshold is met,
never "no" for visible high risk) and safeguarding concerns (blanks ignored)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from throughcare.assessment.rules import dash
from throughcare.assessment.sections.abuse import (
    DomesticAbuseForm,
    SafeguardingForm,
    concern_field,
    concerns_from,
    marac_reasons_for,
)

from .helpers import bind, errors

DASH = {
    "dash_received": "yes",
    "dash_completed_by": "Police",
    "dash_date": date(2026, 9, 1),
    "dash_yes_answers": "6",
    "dash_outcome": "Standard risk",
}


def abuse(**values: Any) -> dict[str, Any]:
    return {"dash_received": "no", "professional_judgement": "no", **values}


def test_no_dash_and_no_reason_needs_no_referral_answer() -> None:
    form = bind(DomesticAbuseForm, abuse())
    assert form.is_valid(), form.errors
    assert marac_reasons_for(form.cleaned_data) == []


def test_dash_fields_required_when_received() -> None:
    found = errors(bind(DomesticAbuseForm, abuse(dash_received="yes")))
    assert found == {
        "dash_completed_by": ["Enter who completed the DASH checklist"],
        "dash_date": ["Enter the date the DASH checklist was completed"],
        "dash_yes_answers": ["Enter the number of yes answers on the DASH checklist"],
        "dash_outcome": ["Enter the outcome of the DASH checklist"],
    }
    form = bind(DomesticAbuseForm, abuse(**DASH))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["dash_yes_answers"] == 6


def test_dash_answers_0_to_27_and_not_dated_in_the_future() -> None:
    found = errors(
        bind(
            DomesticAbuseForm,
            abuse(**{**DASH, "dash_yes_answers": "28", "dash_date": date(2027, 1, 1)}),
        )
    )
    assert found == {
        "dash_yes_answers": ["Number of yes answers on the DASH checklist must be 27 or less"],
        "dash_date": ["Date the DASH checklist was completed must be today or in the past"],
    }


def test_hidden_dash_answers_are_forgotten_when_not_received() -> None:
    form = bind(DomesticAbuseForm, abuse(dash_completed_by="Police", dash_yes_answers="many"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["dash_completed_by"] == ""
    assert form.cleaned_data["dash_yes_answers"] is None


@pytest.mark.parametrize(
    "values",
    [
        {**DASH, "dash_yes_answers": str(dash.VISIBLE_HIGH_RISK)},
        {"professional_judgement": "yes"},
        {"incidents": str(dash.POTENTIAL_ESCALATION_INCIDENTS)},
        {"suspected": ["honour-based abuse"]},
        {"suspected": ["forced marriage"]},
        {"suspected": ["fgm"]},
    ],
)
def test_a_referral_answer_is_required_whenever_a_reason_is_given(values: dict[str, Any]) -> None:
    form = bind(DomesticAbuseForm, abuse(**values))
    assert marac_reasons_for(form.cleaned_data)
    message = errors(form)["marac_referred"][0]
    assert message.startswith("Select whether a referral to MARAC has been made: one is due (")
    referred = bind(
        DomesticAbuseForm, abuse(**values, marac_referred="yes", marac_date=date(2026, 11, 2))
    )
    assert referred.is_valid(), referred.errors


def test_the_message_names_the_thresholds_met() -> None:
    values = abuse(**{**DASH, "dash_yes_answers": "20"}, suspected=["fgm", "forced marriage"])
    assert errors(bind(DomesticAbuseForm, values))["marac_referred"] == [
        "Select whether a referral to MARAC has been made: one is due (visible high risk; "
        "suspected forced marriage; suspected female genital mutilation)"
    ]


def test_no_referral_needs_a_reason() -> None:
    found = errors(
        bind(DomesticAbuseForm, abuse(professional_judgement="yes", marac_referred="no"))
    )
    assert found == {"marac_not_reason": ["Enter why no referral to MARAC has been made"]}
    form = bind(
        DomesticAbuseForm,
        abuse(
            professional_judgement="yes", marac_referred="no", marac_not_reason="Victim moved away"
        ),
    )
    assert form.is_valid(), form.errors


def test_no_is_refused_for_visible_high_risk() -> None:
    form = bind(
        DomesticAbuseForm,
        abuse(
            **{**DASH, "dash_yes_answers": "14"},
            marac_referred="no",
            marac_not_reason="Judged lower",
        ),
    )
    assert errors(form) == {
        "marac_referred": [
            "A referral to MARAC must be made: 14 yes answers is visible high risk (14 or more), "
            "which professional judgement must not downgrade"
        ]
    }


def test_a_referral_needs_its_date() -> None:
    found = errors(bind(DomesticAbuseForm, abuse(marac_referred="yes")))
    assert found == {"marac_date": ["Enter the date of the MARAC referral"]}


def test_required_answers() -> None:
    found = errors(bind(DomesticAbuseForm, {}))
    assert found == {
        "dash_received": ["Select whether you have received a DASH risk checklist result"],
        "professional_judgement": [
            "Select whether, in your judgement, the case should go to MARAC"
        ],
    }


def concern(n: int, **values: Any) -> dict[str, Any]:
    return {concern_field(n, part): value for part, value in values.items()}


def test_safeguarding_blank_is_fine_and_blank_concerns_are_ignored() -> None:
    assert bind(SafeguardingForm, {}).is_valid()
    form = bind(
        SafeguardingForm,
        concern(
            2,
            who="child",
            concern="Contact with his daughter",
            agency="Children's services",
            reference="CS-123",
            date=date(2026, 10, 5),
        ),
    )
    assert form.is_valid(), form.errors
    assert concerns_from(form.cleaned_data) == [
        {
            "who": "child",
            "concern": "Contact with his daughter",
            "agency": "Children's services",
            "reference": "CS-123",
            "date": date(2026, 10, 5),
        }
    ]


def test_a_partly_filled_concern_says_what_is_missing() -> None:
    found = errors(bind(SafeguardingForm, concern(3, concern="Neighbour's child")))
    assert found == {
        concern_field(3, "who"): ["Select who is at risk in concern 3"],
        concern_field(3, "agency"): ["Enter the agency told of concern 3"],
        concern_field(3, "date"): ["Enter the date the agency was told of concern 3"],
    }


def test_a_concern_with_only_a_wrong_date_is_not_ignored() -> None:
    found = errors(
        bind(
            SafeguardingForm,
            {
                "concern_1_date_day": "40",
                "concern_1_date_month": "1",
                "concern_1_date_year": "2026",
            },
        )
    )
    assert "concern_1_date" in found
