"""Every change to release options, their evaluations, barriers, restrictions and victim
liaison consultations: each checks, writes in one transaction and records its audit event in
that same transaction. `check_*` report every problem in the fields they are given, for the
pages (`ui.errors.check_form`); the writes call them again.

- `options`: options, their evaluation, choosing (with the SPO's agreement for a conflict),
  rejecting, and advice asked on them;
- `others`: barriers, restrictions on the person, victim liaison consultations, sources."""

from .options import (
    AGREE,
    DECLINE,
    NewOption,
    add_option,
    agree,
    check_agreement,
    check_choice,
    check_evaluations,
    check_option,
    check_rejection,
    choose,
    evaluate,
    evidence_field,
    link_advice,
    rating_field,
    reject,
)
from .others import (
    add_consultation,
    add_restriction,
    check_barrier,
    check_consultation,
    check_restriction,
    check_source,
    record_barrier,
    source_from,
    update_barrier,
)

__all__ = [
    "AGREE",
    "DECLINE",
    "NewOption",
    "add_consultation",
    "add_option",
    "add_restriction",
    "agree",
    "check_agreement",
    "check_barrier",
    "check_choice",
    "check_consultation",
    "check_evaluations",
    "check_option",
    "check_rejection",
    "check_restriction",
    "check_source",
    "choose",
    "evaluate",
    "evidence_field",
    "link_advice",
    "rating_field",
    "record_barrier",
    "reject",
    "source_from",
    "update_barrier",
]
