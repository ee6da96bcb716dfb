"""Breakdowns by a characteristic with small groups suppressed (`insight.groups`)."""

from __future__ import annotations

import uuid
from datetime import date

from throughcare.insight import groups
from throughcare.insight.cohort import Member

RELEASED = date(2024, 1, 15)


def member(reoffended: bool | None = False, **characteristics: str) -> Member:
    values: dict[str, str] = {
        "sex": "Male",
        "ethnicity": "Not recorded",
        "age_band": "25 to 29",
        "disability": "No",
        "religion": "No religion",
        **characteristics,
    }
    return Member(
        person_id=uuid.uuid4(),
        released_on=RELEASED,
        month=RELEASED.replace(day=1),
        sex=values["sex"],
        ethnicity=values["ethnicity"],
        age_band=values["age_band"],
        disability=values["disability"],
        religion=values["religion"],
        outcomes={"reoffended_two_years": reoffended},
    )


def people(count: int, **characteristics: str) -> list[Member]:
    return [member(False, **characteristics) for _ in range(count)]


def test_no_group_is_hidden_when_all_have_30_or_more() -> None:
    assert groups.hidden({"a": 30, "b": 45}) == set()


def test_every_group_under_30_is_hidden() -> None:
    assert groups.hidden({"a": 29, "b": 3, "c": 100}) == {"a", "b"}


def test_one_small_group_hides_the_next_smallest_too() -> None:
    assert groups.hidden({"a": 5, "b": 31, "c": 40, "d": 200}) == {"a", "b"}


def test_complementary_suppression_on_equal_sizes_is_stable() -> None:
    assert groups.hidden({"a": 5, "c": 40, "b": 40}) == {"a", "b"}


def test_a_lone_small_group_is_simply_hidden() -> None:
    assert groups.hidden({"a": 12}) == {"a"}


def test_breakdown_marks_too_small_and_protected_groups() -> None:
    members = people(5, sex="Female") + people(40, sex="Male") + people(35, sex="Not recorded")
    found = groups.breakdown(members, "sex")
    assert [(g.label, g.size, g.hidden, g.note) for g in found] == [
        ("Female", 5, True, "Fewer than 30"),
        ("Male", 40, False, ""),
        ("Not recorded", 35, True, "Not shown (protects a smaller group)"),
    ]


def test_breakdown_orders_age_bands_by_age_and_not_recorded_last() -> None:
    members = (
        people(1, age_band="50 and over")
        + people(1, age_band="18 to 20")
        + people(1, age_band="30 to 34")
    )
    assert [g.label for g in groups.breakdown(members, "age_band")] == [
        "18 to 20",
        "30 to 34",
        "50 and over",
    ]
    labels = [g.label for g in groups.breakdown(people(1, sex="Not recorded") + people(1), "sex")]
    assert labels == ["Male", "Not recorded"]


def test_everyone_is_hidden_under_30() -> None:
    assert groups.everyone(people(29)).hidden
    assert not groups.everyone(people(30)).hidden


def test_a_column_hides_rates_known_for_fewer_than_30_and_protects_them() -> None:
    # 40 and 45 people; in the first only 20 outcomes are known: its rate is hidden, and so is
    # the second's, or the first could be worked out from the total
    known_few = [member(reoffended=None, sex="Female") for _ in range(20)] + [
        member(reoffended=True, sex="Female") for _ in range(20)
    ]
    members = known_few + people(45, sex="Male") + people(50, sex="Not recorded")
    found = groups.breakdown(members, "sex")
    assert not any(g.hidden for g in found)
    rates = groups.rates(found, lambda m: m.outcomes["reoffended_two_years"])
    assert rates["Female"] is None and rates["Male"] is None
    shown = rates["Not recorded"]
    assert shown is not None and (shown.known, shown.count) == (50, 0)


def test_a_column_hides_nothing_more_when_the_group_is_already_hidden() -> None:
    members = people(5, sex="Female") + people(31, sex="Male") + people(60, sex="Not recorded")
    found = groups.breakdown(members, "sex")
    rates = groups.rates(found, lambda m: m.outcomes["reoffended_two_years"])
    assert rates["Female"] is None and rates["Male"] is None
    assert rates["Not recorded"] is not None
