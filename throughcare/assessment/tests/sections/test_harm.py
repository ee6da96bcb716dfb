"""Risk of serious harm: every cell of the contract rated, the summary answered, the overall
level never a field; the other risks with details when yes."""

from __future__ import annotations

from django import forms

from throughcare.assessment.rules.rosh import CELLS, Level
from throughcare.assessment.sections.harm import (
    LEVEL_CHOICES,
    OTHER_RISKS,
    OtherRisksForm,
    RoshForm,
    cell_field,
    levels_from,
)

from .helpers import bind, errors

SUMMARY = {
    "who": "His former partner",
    "nature": "Violence",
    "when": "On release",
    "increases": "Drinking",
    "reduces": "Approved premises",
}


def rated(level: str = "low", **overrides: str) -> dict[str, str]:
    data = {cell_field(group, setting): level for group, setting in CELLS}
    data.update(SUMMARY)
    data.update(overrides)
    return data


def test_a_radio_fieldset_for_each_cell_of_the_contract_and_no_overall_field() -> None:
    form = RoshForm()
    cells = [name for name in form.fields if name not in SUMMARY]
    assert sorted(cells) == sorted(cell_field(g, s) for g, s in CELLS)
    assert "prisoners_community" not in form.fields
    for name in cells:
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        assert isinstance(field.widget, forms.RadioSelect)
        assert [key for key, _ in LEVEL_CHOICES] == [lv.key for lv in Level]
        assert list(field.choices) == LEVEL_CHOICES  # type: ignore[arg-type]
    assert form.fields["known_adult_custody"].label == "Risk to a known adult in custody"
    assert not any("overall" in name for name in form.fields)


def test_everything_required() -> None:
    assert bind(RoshForm, rated()).is_valid()
    found = errors(bind(RoshForm, {}))
    assert len(found) == len(CELLS) + 5
    assert found["children_community"] == ["Select the level of risk to children in the community"]
    assert found["when"] == ["Enter when is the risk likely to be greatest"]


def test_levels_read_back_from_the_saved_answers() -> None:
    form = bind(RoshForm, rated(staff_custody="very high", public_community="high"))
    assert form.is_valid(), form.errors
    levels = levels_from(form.cleaned_data)
    assert levels[("staff", "custody")] is Level.VERY_HIGH
    assert levels[("public", "community")] is Level.HIGH
    assert levels[("children", "community")] is Level.LOW
    assert levels_from({"children_community": "extreme"})[("children", "community")] is None


def test_a_level_not_offered_is_refused() -> None:
    found = errors(bind(RoshForm, rated(children_custody="extreme")))
    assert found == {"children_custody": ["Select the level of risk to children in custody"]}


def all_other_risks(answer: str = "no") -> dict[str, str]:
    return {key: answer for key, _ in OTHER_RISKS}


def test_other_risks_each_answered() -> None:
    assert bind(OtherRisksForm, all_other_risks("not known")).is_valid()
    found = errors(bind(OtherRisksForm, {}))
    assert set(found) == {key for key, _ in OTHER_RISKS}
    assert found["coping"] == [
        "Select whether there is a concern about coping in custody or a hostel"
    ]


def test_details_required_when_yes() -> None:
    found = errors(bind(OtherRisksForm, {**all_other_risks(), "self_harm": "yes", "trust": "yes"}))
    assert found == {
        "self_harm_details": ["Enter the details of the concern about self-harm"],
        "trust_details": ["Enter the details of the concern about breach of trust"],
    }
    form = bind(
        OtherRisksForm, {**all_other_risks(), "self_harm": "yes", "self_harm_details": "In 2023"}
    )
    assert form.is_valid(), form.errors
