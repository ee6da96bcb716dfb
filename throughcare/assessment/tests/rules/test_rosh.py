"""The overall risk of serious harm level is the highest rated, computed, not typed."""

from __future__ import annotations

import pytest

from throughcare.assessment.rules.rosh import CELLS, GROUPS, SETTINGS, Level, overall, overall_in

LOW, MEDIUM, HIGH, VERY_HIGH = Level.LOW, Level.MEDIUM, Level.HIGH, Level.VERY_HIGH


def test_levels_words_and_order() -> None:
    assert [level.key for level in Level] == ["low", "medium", "high", "very high"]
    assert [level.label for level in Level] == ["Low", "Medium", "High", "Very high"]
    assert LOW < MEDIUM < HIGH < VERY_HIGH
    for level in Level:
        assert Level.from_key(level.key) is level


@pytest.mark.parametrize("key", ["", "Low", "very_high", "extreme"])
def test_from_key_refuses_other_words(key: str) -> None:
    with pytest.raises(ValueError, match="not a risk of serious harm level"):
        Level.from_key(key)


def test_cells_rate_every_group_in_each_setting_but_prisoners_only_in_custody() -> None:
    assert len(CELLS) == 9
    assert ("prisoners", "custody") in CELLS
    assert ("prisoners", "community") not in CELLS
    for group in GROUPS[:-1]:
        for setting in SETTINGS:
            assert (group, setting) in CELLS


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ({}, None),
        (dict.fromkeys(CELLS), None),
        ({("public", "community"): LOW}, LOW),
        ({("public", "community"): LOW, ("children", "community"): MEDIUM}, MEDIUM),
        ({("staff", "custody"): HIGH, ("children", "community"): MEDIUM}, HIGH),
        ({("prisoners", "custody"): VERY_HIGH, ("public", "community"): LOW}, VERY_HIGH),
        ({**dict.fromkeys(CELLS), ("known adult", "custody"): HIGH}, HIGH),
        (dict.fromkeys(CELLS, MEDIUM), MEDIUM),
    ],
)
def test_overall_is_the_highest_rated(
    levels: dict[tuple[str, str], Level | None], expected: Level | None
) -> None:
    assert overall(levels) == expected


@pytest.mark.parametrize(("setting", "expected"), [("community", MEDIUM), ("custody", VERY_HIGH)])
def test_overall_in_a_setting(setting: str, expected: Level) -> None:
    levels = {
        ("public", "community"): MEDIUM,
        ("children", "community"): LOW,
        ("prisoners", "custody"): VERY_HIGH,
        ("staff", "custody"): None,
    }
    assert overall_in(levels, setting) == expected


def test_overall_in_a_setting_none_rated_there() -> None:
    assert overall_in({("public", "custody"): HIGH}, "community") is None


def test_prisoners_are_never_rated_in_the_community() -> None:
    with pytest.raises(ValueError, match="prisoners are rated in custody only"):
        overall({("prisoners", "community"): HIGH})
    with pytest.raises(ValueError, match="prisoners are rated in custody only"):
        overall_in({("prisoners", "community"): HIGH}, "custody")


def test_unknown_setting_refused() -> None:
    with pytest.raises(ValueError, match="not a setting"):
        overall_in({}, "hostel")
