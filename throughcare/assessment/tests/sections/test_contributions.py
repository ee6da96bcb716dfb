"""Other agencies' contributions (P21), MAPPA, advice sought (P22)."""

from __future__ import annotations

from datetime import date

from throughcare.assessment.sections.contributions import (
    ContributionsForm,
    contribution_field,
    contributions_from,
)

from .helpers import bind, errors


def test_no_mappa_and_nothing_else_is_fine() -> None:
    form = bind(ContributionsForm, {"mappa_category": "none", "mappa_level": "2"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["mappa_level"] == ""  # hidden under "not a MAPPA case"
    assert contributions_from(form.cleaned_data) == []


def test_mappa_category_required_and_a_level_with_it() -> None:
    assert errors(bind(ContributionsForm, {})) == {"mappa_category": ["Select the MAPPA category"]}
    assert errors(bind(ContributionsForm, {"mappa_category": "2"})) == {
        "mappa_level": ["Select the MAPPA level"]
    }
    assert bind(ContributionsForm, {"mappa_category": "2", "mappa_level": "1"}).is_valid()
    assert "mappa_category" in errors(bind(ContributionsForm, {"mappa_category": "5"}))


def test_a_contribution_with_its_source() -> None:
    data = {
        "mappa_category": "none",
        contribution_field(1, "agency"): "Police",
        contribution_field(1, "who"): "PC Shah, domestic abuse unit",
        contribution_field(1, "said"): "Two call-outs in 2025",
        contribution_field(1, "date"): date(2026, 10, 30),
        "advice": "Asked the psychologist; used her view on triggers",
    }
    form = bind(ContributionsForm, data)
    assert form.is_valid(), form.errors
    assert contributions_from(form.cleaned_data)[0]["agency"] == "Police"


def test_a_partly_filled_contribution_says_what_is_missing() -> None:
    found = errors(
        bind(ContributionsForm, {"mappa_category": "none", contribution_field(4, "who"): "A nurse"})
    )
    assert found == {
        contribution_field(4, "agency"): ["Enter the agency of contribution 4"],
        contribution_field(4, "said"): ["Enter what they said in contribution 4"],
        contribution_field(4, "date"): ["Enter the date contribution 4 was obtained"],
    }
