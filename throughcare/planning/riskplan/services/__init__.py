"""Every change to the risk management plan and its licence conditions: each checks, writes
in one transaction with its audit event, and writes the snapshot of the plan into the open
version of the signed document (`throughcare.records`, kind "risk-management-plan"). Only the
plan's owner changes it (`throughcare.planning.ownership.require_owner`).

- `actions`: the actions under the headings of shared/domain/risk.md;
- `conditions`: the additional licence conditions;
- `plan`: the key information, what stops submission, and submitting."""

from .actions import NewAction, add_action, change_action, check_action, remove_action
from .common import STALE, WAITING, open_version, write_snapshot
from .conditions import (
    NewCondition,
    add_condition,
    change_condition,
    check_condition,
    entry_for,
    remove_condition,
)
from .plan import (
    check_key_information,
    condition_problems,
    problems,
    save_key_information,
    submit,
)

__all__ = [
    "STALE",
    "WAITING",
    "NewAction",
    "NewCondition",
    "add_action",
    "add_condition",
    "change_action",
    "change_condition",
    "check_action",
    "check_condition",
    "check_key_information",
    "condition_problems",
    "entry_for",
    "open_version",
    "problems",
    "remove_action",
    "remove_condition",
    "save_key_information",
    "submit",
    "write_snapshot",
]
