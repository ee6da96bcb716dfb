"""Every change to running the plan (reviews, setbacks and lapses, escalations to the senior
probation officer, enforcement and recall recommendations): each checks, writes in one
transaction and records its audit event in that same transaction. `check_*` report every
problem in the fields they are given, for the pages (`ui.errors.check_form`); the writes call
them again."""

from .escalations import (
    check_escalation,
    check_recommendation,
    check_response,
    raise_escalation,
    record_recommendation,
    respond,
)
from .reviews import (
    check_completion,
    check_review,
    complete_review,
    open_review,
    schedule_review,
)
from .setbacks import check_setback, record_setback

__all__ = [
    "check_completion",
    "check_escalation",
    "check_recommendation",
    "check_response",
    "check_review",
    "check_setback",
    "complete_review",
    "open_review",
    "raise_escalation",
    "record_recommendation",
    "record_setback",
    "respond",
    "schedule_review",
]
