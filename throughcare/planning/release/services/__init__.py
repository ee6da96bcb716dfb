"""Every change to readiness, the day-of-release checklist, the handover, the release and the
outcomes after it: each checks, writes in one transaction and records its audit event in that
same transaction.
`check_*` report every problem in the fields they are given, for the pages."""

from .checklist import check_checklist, save_checklist
from .handover import NO, YES, accept_handover, check_handover, record_handover
from .outcome import check_outcome, record_outcome
from .readiness import UNMET, mark_ready, review
from .release import check_release, record_release

__all__ = [
    "NO",
    "UNMET",
    "YES",
    "accept_handover",
    "check_checklist",
    "check_handover",
    "check_outcome",
    "check_release",
    "mark_ready",
    "record_handover",
    "record_outcome",
    "record_release",
    "review",
    "save_checklist",
]
