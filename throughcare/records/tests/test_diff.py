"""What changed between two versions, field by field: changed, added and removed fields."""

from __future__ import annotations

from throughcare.records.diff import Change, Row, changes


def test_only_changed_fields_in_the_order_of_the_later_version() -> None:
    before = [Row("a", "x", "X", "1"), Row("a", "y", "Y", "same"), Row("b", "z", "Z", "old")]
    after = [Row("a", "x", "X", "2"), Row("a", "y", "Y", "same"), Row("b", "z", "Z", "new")]
    assert changes(before, after) == [
        Change("a", "x", "X", "1", "2"),
        Change("b", "z", "Z", "old", "new"),
    ]


def test_added_and_removed_fields() -> None:
    before = [
        Row("a", "x", "X", "1"),
        Row("a", "gone", "Gone", "was here"),
        Row("b", "z", "Z", "3"),
    ]
    after = [Row("a", "x", "X", "1"), Row("b", "new", "New", "added"), Row("b", "z", "Z", "3")]
    found = changes(before, after)
    assert found == [
        Change("a", "gone", "Gone", "was here", ""),
        Change("b", "new", "New", "", "added"),
    ]
    assert found[0].removed and not found[0].added
    assert found[1].added and not found[1].removed


def test_the_same_field_in_another_section_is_another_field() -> None:
    before = [Row("a", "x", "X", "1")]
    after = [Row("b", "x", "X", "1")]
    assert changes(before, after) == [
        Change("a", "x", "X", "1", ""),
        Change("b", "x", "X", "", "1"),
    ]


def test_no_changes() -> None:
    rows = [Row("a", "x", "X", "1")]
    assert changes(rows, list(rows)) == []
    assert changes([], []) == []
