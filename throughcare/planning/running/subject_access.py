"""Running the plan's part of the subject access export. Reviews, setbacks, escalations and
recommendations are part of the plan, which the plan's documents step (issue 12 point 8)
brings into the export with the rest of the plan; until then they are named here as left out,
so that the check of every model that carries a person (documents/tests/test_parts.py) says
so rather than passing silently."""

from __future__ import annotations

from throughcare.core.subject_access import Part

WHY = (
    "Part of the plan: exported with the resettlement and risk management plans once the "
    "plan's documents are built (issue 12 point 8)"
)

PART = Part(
    app="running",
    sections=(),
    left_out={
        "running.Review": WHY,
        "running.Setback": WHY,
        "running.Escalation": WHY,
        "running.EnforcementRecommendation": WHY,
    },
)
