"""What running the plan declares to the rest of the service, from `AppConfig.ready()`: its
panel on the Plan page (position 40), the caseload's "Plan review due" flag, the events that
make a review due at once (an acute change, an urgent concern, a change of address) and its
place in the subject access export."""

from __future__ import annotations

from typing import Any


def _events() -> None:
    from throughcare.core import events

    from . import services
    from .models import Review

    R = Review.Reason

    def acute(*, user: Any, person: Any, note: Any = None, change: str = "", **_: Any) -> None:
        label = note.get_acute_change_display() if note is not None else change
        services.open_review(
            person=person,
            reason=R.ACUTE_FACTOR,
            details=f"An acute change was recorded ({label})",
            by=user,
        )

    def concern(*, user: Any, person: Any, **_: Any) -> None:
        services.open_review(
            person=person,
            reason=R.URGENT_CONCERN,
            details="An urgent concern was recorded",
            by=user,
        )

    def address(*, user: Any, person: Any, **_: Any) -> None:
        services.open_review(
            person=person,
            reason=R.ADDRESS,
            details="The community address changed",
            by=user,
        )

    events.subscribe(events.ACUTE_CHANGE_RECORDED, acute)
    events.subscribe(events.URGENT_CONCERN_RECORDED, concern)
    events.subscribe(events.COMMUNITY_ADDRESS_CHANGED, address)


def connect() -> None:
    from throughcare.caseload import flags
    from throughcare.core import subject_access
    from throughcare.planning import panels

    from . import queries
    from .subject_access import PART

    panels.register(panels.PlanPanel("running", 40, "running/_panel.html", queries.panel))
    flags.register(
        flags.Flag("plan-review-due", "Plan review due", "orange", 35, queries.reviews_due_of)
    )
    _events()
    subject_access.register(PART)
