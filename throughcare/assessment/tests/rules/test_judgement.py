"""The practitioner's judgement of the likelihood of reoffending against the OGRS3 band."""

from __future__ import annotations

import pytest

from throughcare.assessment.instruments.ogrs3 import BAND_NAMES
from throughcare.assessment.rules.judgement import BANDS, departs, direction


def test_bands_are_ogrs3s_band_words() -> None:
    assert tuple(BAND_NAMES) == BANDS


@pytest.mark.parametrize(
    ("actuarial", "judged", "expected_direction"),
    [
        ("Low", "Low", ""),
        ("Medium", "Medium", ""),
        ("Very high", "Very high", ""),
        ("Low", "Medium", "higher"),
        ("Low", "Very high", "higher"),
        ("High", "Very high", "higher"),
        ("Very high", "Low", "lower"),
        ("Medium", "Low", "lower"),
        ("High", "Medium", "lower"),
        (None, "High", ""),
        ("", "High", ""),
        ("High", None, ""),
        (None, None, ""),
    ],
)
def test_departs_and_direction(
    actuarial: str | None, judged: str | None, expected_direction: str
) -> None:
    assert direction(actuarial, judged) == expected_direction
    assert departs(actuarial, judged) is (expected_direction != "")


@pytest.mark.parametrize(("actuarial", "judged"), [("low", "Low"), ("High", "Severe")])
def test_unknown_band_words_refused(actuarial: str, judged: str) -> None:
    with pytest.raises(ValueError, match="is not a band"):
        departs(actuarial, judged)
