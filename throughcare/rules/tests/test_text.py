"""The generic text rules."""

from throughcare.rules.text import without_control_characters


def test_control_characters_go_and_line_breaks_become_spaces() -> None:
    assert without_control_characters("Smith\x00\tJones\r\nBrown\x7f") == "Smith Jones  Brown"
