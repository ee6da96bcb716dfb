"""The countersigning table: high and very high always; medium when the author is a probation
services officer (or their grade is not known); low and unrated never."""

from __future__ import annotations

import pytest

from throughcare.assessment.rules.countersign import Grade, countersignature_reason
from throughcare.assessment.rules.rosh import Level

PO, PSO, OTHER = Grade.PO.value, Grade.PSO.value, Grade.OTHER.value

HIGH = "The overall risk of serious harm is high"
VERY_HIGH = "The overall risk of serious harm is very high"
MEDIUM_PSO = (
    "The overall risk of serious harm is medium and the author is a probation services officer"
)
MEDIUM_UNKNOWN = "The overall risk of serious harm is medium and the author's grade is not known"

TABLE = [
    (None, PO, ""),
    (None, PSO, ""),
    (None, OTHER, ""),
    (None, "", ""),
    (Level.LOW, PO, ""),
    (Level.LOW, PSO, ""),
    (Level.LOW, OTHER, ""),
    (Level.LOW, "", ""),
    (Level.MEDIUM, PO, ""),
    (Level.MEDIUM, OTHER, ""),
    (Level.MEDIUM, PSO, MEDIUM_PSO),
    (Level.MEDIUM, "", MEDIUM_UNKNOWN),
    (Level.MEDIUM, "senior probation officer", MEDIUM_UNKNOWN),
    (Level.HIGH, PO, HIGH),
    (Level.HIGH, PSO, HIGH),
    (Level.HIGH, OTHER, HIGH),
    (Level.HIGH, "", HIGH),
    (Level.VERY_HIGH, PO, VERY_HIGH),
    (Level.VERY_HIGH, PSO, VERY_HIGH),
    (Level.VERY_HIGH, OTHER, VERY_HIGH),
    (Level.VERY_HIGH, "", VERY_HIGH),
]


@pytest.mark.parametrize(("overall", "grade", "reason"), TABLE)
def test_countersigning_table(overall: Level | None, grade: str, reason: str) -> None:
    assert countersignature_reason(overall, grade) == reason


def test_table_covers_every_level_and_grade() -> None:
    covered = {(overall, grade) for overall, grade, _ in TABLE}
    for level in [None, *Level]:
        for grade in Grade:
            assert (level, grade.value) in covered


def test_grade_accepts_the_enum_itself() -> None:
    assert countersignature_reason(Level.MEDIUM, Grade.PSO) == MEDIUM_PSO
    assert countersignature_reason(Level.MEDIUM, Grade.PO) == ""
