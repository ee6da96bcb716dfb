"""Sources, summary, needs, factors, evaluation and community: good answers pass, each rule
refuses with a message that says what to do."""

from __future__ import annotations

from typing import Any

from throughcare.assessment.rules.sufficiency import Facts
from throughcare.assessment.sections.evaluation import CommunityForm, EvaluationForm
from throughcare.assessment.sections.likelihood import FactorsForm
from throughcare.assessment.sections.needs import NeedsForm
from throughcare.assessment.sections.sources import SourcesForm, SummaryForm, facts_from
from throughcare.casework.interview.questions import PATHWAYS

from .helpers import bind, errors


def test_sources_yes_no_not_known_and_the_reason_optional() -> None:
    form = bind(
        SourcesForm,
        {
            "partner_or_ex_partner": "yes",
            "children_in_contact": "no",
            "attended_programmes": "not known",
        },
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["why_go_ahead"] == ""
    assert facts_from(form.cleaned_data) == Facts(True, False, None)


def test_sources_each_fact_required_in_plain_words() -> None:
    found = errors(bind(SourcesForm, {"children_in_contact": "maybe"}))
    assert found["partner_or_ex_partner"] == ["Select whether they have a partner or an ex-partner"]
    assert found["children_in_contact"] == ["Select whether they are in contact with children"]
    assert set(found) == {"partner_or_ex_partner", "children_in_contact", "attended_programmes"}


def test_unanswered_facts_count_as_not_known() -> None:
    assert facts_from({}) == Facts(None, None, None)


def test_summary_needs_the_offence_and_circumstances() -> None:
    assert set(errors(bind(SummaryForm, {}))) == {"offence", "circumstances"}
    assert bind(SummaryForm, {"offence": "Burglary", "circumstances": "Hostel"}).is_valid()


def _needs(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"{key}_severity": "no need" for key, _ in PATHWAYS}
    data.update(overrides)
    return data


def test_needs_every_pathway_rated_and_no_evidence_for_no_need() -> None:
    form = bind(NeedsForm, _needs())
    assert form.is_valid(), form.errors
    found = errors(bind(NeedsForm, {}))
    assert set(found) == {f"{key}_severity" for key, _ in PATHWAYS}
    assert found["finance_id_severity"] == ["Select the level of need in finance and ID"]


def test_needs_evidence_required_for_standard_or_severe() -> None:
    found = errors(
        bind(NeedsForm, _needs(accommodation_severity="severe", health_severity="standard"))
    )
    assert found == {
        "accommodation_evidence": ["Enter the evidence for the severe need in accommodation"],
        "health_evidence": [
            "Enter the evidence for the standard need in health, including mental and "
            "emotional health"
        ],
    }
    good = bind(
        NeedsForm,
        _needs(accommodation_severity="severe", accommodation_evidence="No address on release"),
    )
    assert good.is_valid(), good.errors


def test_needs_rest_on_gathered_entries_when_there_are_some() -> None:
    assert "accommodation_rests_on" not in NeedsForm().fields
    entries = [("note:4", "Case note, 3 November 2026"), ("request:9", "Police reply")]
    form = bind(
        NeedsForm,
        _needs(
            accommodation_severity="standard",
            accommodation_evidence="Hostel place not confirmed",
            accommodation_rests_on=["note:4", "request:9"],
        ),
        entries=entries,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["accommodation_rests_on"] == ["note:4", "request:9"]
    wrong = bind(NeedsForm, _needs(health_rests_on=["note:99"]), entries=entries)
    assert errors(wrong)["health_rests_on"][0].startswith("Select")


def test_factors_details_required_with_a_factor() -> None:
    assert bind(FactorsForm, {}).is_valid()
    found = errors(bind(FactorsForm, {"acute": ["bereavement"]}))
    assert found == {
        "acute_details": ["Enter how the acute dynamic factors you selected bear on the risk"]
    }
    assert bind(FactorsForm, {"stable": ["mood swings"], "stable_details": "Since 2019"}).is_valid()
    assert "stable" in errors(bind(FactorsForm, {"stable": ["gambling"]}))


def test_evaluation_and_community_questions() -> None:
    evaluation = errors(bind(EvaluationForm, {}))
    assert len(evaluation) == 7
    assert evaluation["causes"] == ["Enter the causes of their offending"]
    community = errors(bind(CommunityForm, {}))
    assert set(community) == {"plans", "views"}  # P18.3 may be blank
    assert EvaluationForm().fields["effects"].help_text == "P20.1"
