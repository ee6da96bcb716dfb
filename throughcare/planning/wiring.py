"""What planning declares to the rest of the service, from `AppConfig.ready()`: its section of
the record (Options, at 40: the case team's staff; partners see options only once one is
shared with them, issue 11 point 6), the caseload's "Open barrier" flag, and its part of the
subject access export."""

from __future__ import annotations

from typing import Any

from throughcare.access.policy import Action


def connect() -> None:
    from throughcare.caseload import flags
    from throughcare.core import subject_access
    from throughcare.record.sections import Section, register

    from . import queries
    from .subject_access import PART

    def shown(access: Any) -> bool:
        return bool(access.can(Action.VIEW_OPTIONS))

    register(Section("options", "Options", 40, "planning:options", shown=shown))

    register(Section("plan", "Plan", 50, "planning:plan", shown=queries.may_see_plan))
    flags.register(
        flags.Flag("open-barrier", "Open barrier", "orange", 30, queries.open_barriers_of)
    )
    subject_access.register(PART)
