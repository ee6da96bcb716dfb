"""Why a case cannot be scored: the rules of ``shared/domain/ogrs3.md`` ("Invalid input") and
the missing or malformed values, each with a field and a stable code, and the errors that carry
them. One case raises an :class:`OGRS3Error`; the batch sets one bit per :class:`Rule` broken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Rule:
    """One reason a case cannot be scored. ``not_calculable``: a detail is missing, not wrong."""

    bit: int
    field: str
    code: str
    message: str
    not_calculable: bool = False

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


#: The four dates a case needs, in the order they are checked.
DATE_FIELDS: Final = ("birth_date", "conviction_date", "first_sanction_date", "assessment_date")
_DATE_WORDS: Final = {
    "birth_date": "date of birth",
    "conviction_date": "date of the current conviction",
    "first_sanction_date": "date of the first sanction",
    "assessment_date": "assessment date",
}


def _make_rules() -> tuple[Rule, ...]:
    specs: list[tuple[str, str, str, bool]] = [
        ("sex", "missing", "sex is missing", True),
        ("sex", "unknown_sex", "sex must be 'male' or 'female'", False),
        (
            "offence_category",
            "not_categorised",
            "the current offence has not been placed in an OGRS3 category, so the score cannot be "
            "calculated: record the category (it is never guessed)",
            True,
        ),
        (
            "offence_category",
            "unknown_category",
            "not one of the 20 OGRS3 offence categories named in ogrs3.md",
            False,
        ),
        ("previous_sanctions", "missing", "the number of previous sanctions is missing", True),
        (
            "previous_sanctions",
            "not_whole_number",
            "the number of previous sanctions must be a whole number",
            False,
        ),
        (
            "previous_sanctions",
            "negative_sanctions",
            "the number of previous sanctions cannot be negative",
            False,
        ),
    ]
    for name in DATE_FIELDS:
        words = _DATE_WORDS[name]
        specs.append((name, "missing", f"the {words} is missing", True))
        specs.append(
            (name, "not_a_date", f"the {words} is not a date written as YYYY-MM-DD", False)
        )
    specs += [
        (
            "birth_date",
            "birth_after_conviction",
            "the date of birth is after the date of the current conviction",
            False,
        ),
        (
            "first_sanction_date",
            "first_sanction_after_conviction",
            "the first sanction is after the current conviction (for a first offence it is the "
            "current conviction date)",
            False,
        ),
        (
            "first_sanction_date",
            "first_sanction_before_age_10",
            "the first sanction is before the person's 10th birthday",
            False,
        ),
        (
            "assessment_date",
            "assessment_before_conviction",
            "the assessment date is before the date of the current conviction",
            False,
        ),
    ]
    return tuple(Rule(i, f, c, m, nc) for i, (f, c, m, nc) in enumerate(specs))


#: Every reason a case cannot be scored, in the order they are checked and reported.
RULES: Final = _make_rules()
_RULE: Final = {(r.field, r.code): r for r in RULES}


def rule(field: str, code: str) -> Rule:
    """The rule for a field and code, e.g. ``rule("birth_date", "birth_after_conviction")``."""
    return _RULE[(field, code)]


class OGRS3Error(ValueError):
    """The case cannot be scored. ``problems`` lists every reason; ``field``, ``code`` and
    ``reason`` give the first."""

    def __init__(self, problems: Sequence[Rule]) -> None:
        if not problems:
            raise ValueError("an OGRS3Error needs at least one problem")
        self.problems: tuple[Rule, ...] = tuple(problems)
        self.field = self.problems[0].field
        self.code = self.problems[0].code
        self.reason = self.problems[0].message
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def codes(self) -> set[str]:
        return {p.code for p in self.problems}


class InvalidInputError(OGRS3Error):
    """An input breaks one of the rules in ogrs3.md (or is not of the right kind)."""


class NotCalculableError(OGRS3Error):
    """A detail the score needs is missing, e.g. the offence has not been placed in a category."""


def raise_for(problems: Sequence[Rule]) -> None:
    """Raise :class:`NotCalculableError` if every problem is a missing detail, else
    :class:`InvalidInputError`; nothing if there are no problems."""
    if problems:
        if all(p.not_calculable for p in problems):
            raise NotCalculableError(problems)
        raise InvalidInputError(problems)
