"""Every change to the person's resettlement plan: each checks, writes in one transaction and
records its audit event in that transaction. `check_*` report every problem in the fields they
are given, for the pages (`ui.errors.check_form`); the writes call them again.

- `plan`: the signed document: the version a change goes into, the snapshot, the person's
  agreement, submitting;
- `goals`: goals from needs, linked to chosen options;
- `steps`: steps and progress notes on them."""

from .goals import NewGoal, add_goal, change_goal, check_goal, remove_goal
from .plan import (
    check_agreement,
    editable_version,
    problems,
    record_agreement,
    submit,
    write_snapshot,
)
from .steps import NewStep, add_progress, add_step, change_step, check_progress, check_step

__all__ = [
    "NewGoal",
    "NewStep",
    "add_goal",
    "add_progress",
    "add_step",
    "change_goal",
    "change_step",
    "check_agreement",
    "check_goal",
    "check_progress",
    "check_step",
    "editable_version",
    "problems",
    "record_agreement",
    "remove_goal",
    "submit",
    "write_snapshot",
]
