"""When an assessment needs an SPO's countersignature (issue 10, lifecycle): the overall risk
of serious harm is high or very high, or it is medium and the author is a probation services
officer. An author whose grade is not known counts as a probation services officer (better
to countersign than to miss one)."""

from __future__ import annotations

import enum

from .rosh import Level


class Grade(enum.StrEnum):
    PO = "probation officer"
    PSO = "probation services officer"
    OTHER = "other"


def countersignature_reason(overall: Level | None, author_grade: str) -> str:
    """Why the assessment needs countersigning, in plain English; "" when it does not."""
    if overall is None or overall == Level.LOW:
        return ""
    if overall in (Level.HIGH, Level.VERY_HIGH):
        return f"The overall risk of serious harm is {overall.key}"
    if author_grade == Grade.PSO:
        return (
            "The overall risk of serious harm is medium and the author is a probation "
            "services officer"
        )
    if author_grade not in (Grade.PO, Grade.OTHER):
        return "The overall risk of serious harm is medium and the author's grade is not known"
    return ""
