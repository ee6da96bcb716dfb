"""What the release declares to the rest of the service, from `AppConfig.ready()`: its two
panels on the Plan page (30: ready for release and the day of release; 35: handover and
release), the caseload's flags ("Day of release not ready", "Handover late") and "Stage"
column, and how `planning.ownership` reads an accepted handover."""

from __future__ import annotations

from typing import Any


def _stage_cell(person: Any) -> dict[str, Any]:
    from . import queries

    released = getattr(person, "release_released", False)
    return {"text": queries.ON_LICENCE if released else queries.IN_CUSTODY}


def connect() -> None:
    from throughcare.caseload import columns, flags
    from throughcare.core import subject_access
    from throughcare.planning import ownership, panels

    from . import presenters, queries
    from .subject_access import PART

    panels.register(
        panels.PlanPanel(
            "release-readiness",
            30,
            "release/_panel_readiness.html",
            presenters.readiness_panel,
        )
    )
    panels.register(
        panels.PlanPanel(
            "release-handover", 35, "release/_panel_handover.html", presenters.handover_panel
        )
    )
    flags.register(
        flags.Flag(
            "day-of-release",
            "Day of release not ready",
            "red",
            40,
            queries.day_of_release_not_ready,
        )
    )
    flags.register(
        flags.Flag("handover-late", "Handover late", "orange", 45, queries.handover_late)
    )
    columns.register(
        columns.Column(
            "stage",
            "Stage",
            40,
            lambda: {"release_released": queries.released_annotation()},
            ("release_released",),
            _stage_cell,
        )
    )
    ownership.read_handovers_with(queries.handover_accepted)
    subject_access.register(PART)
