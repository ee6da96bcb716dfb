"""One case: check the inputs against ogrs3.md's rules, then the published arithmetic, with each
term's contribution so that a page can show the sum. Plain Python: no numpy, no Django, no clock.
"""

from __future__ import annotations

import bisect
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .coefficients import (
    AGE_BAND_UPPER,
    AGE_BANDS,
    AGE_SEX_COEFFICIENTS,
    BAND_FLOORS,
    BAND_NAMES,
    CATEGORIES,
    CATEGORY_INDEX,
    COPAS_WEIGHT,
    FIRST_OFFENCE,
    INTERCEPT_1Y,
    INTERCEPT_2Y,
    MIN_AGE_AT_FIRST_SANCTION,
    OFFENCE_COEFFICIENTS,
    REPEAT_OFFENDER,
    SANCTIONS_CAP,
    SEX_INDEX,
    SEXES,
    normal,
)
from .errors import Rule, raise_for, rule


@dataclass(frozen=True)
class Term:
    """One part of the sum inside the logistic function."""

    key: str  # "age_sex", "sanctions", "copas" or "offence"
    label: str
    detail: str
    value: float


@dataclass(frozen=True)
class OGRS3Result:
    """The score for one case. Probabilities are 0-1 at full precision."""

    one_year: float
    two_year: float
    band: str
    sex: str
    offence_category: str
    sanctions_counted: int  # previous sanctions after the cap of 50
    age_at_assessment: int
    age_at_conviction: int
    age_at_first_sanction: int
    copas_rate: float  # ln((sanctions + 1) / (10 + years between first sanction and now))
    terms: tuple[Term, ...]

    intercept_1y: float = INTERCEPT_1Y
    intercept_2y: float = INTERCEPT_2Y

    @property
    def total(self) -> float:
        """The sum of the four terms (add an intercept, then apply the logistic function)."""
        return sum(t.value for t in self.terms)

    @property
    def one_year_percent(self) -> int:
        return percent(self.one_year)

    @property
    def two_year_percent(self) -> int:
        return percent(self.two_year)


def whole_years(later: date, earlier: date) -> int:
    """Whole years completed from ``earlier`` to ``later`` (a birthday not yet reached this
    year does not count), as the reference calculator's ``dateDiff``."""
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


def age_band(age: int) -> int:
    """Index into :data:`AGE_BANDS` for an age in whole years (under 10 falls in the first)."""
    return bisect.bisect_left(AGE_BAND_UPPER, age)


def percent(probability: float) -> int:
    """A probability as a whole percentage, rounded half up (for display and the band)."""
    return math.floor(probability * 100.0 + 0.5)


def band(two_year: float) -> str:
    """The band for a two-year probability (0-1)."""
    return BAND_NAMES[bisect.bisect_right(BAND_FLOORS, percent(two_year))]


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _band_words(index: int) -> str:
    low, high = AGE_BANDS[index]
    return f"{low} and over" if high is None else f"{low}-{high}"


def formula(
    *,
    sex: str,
    offence_category: str,
    previous_sanctions: int,
    age_at_assessment: int,
    age_at_conviction: int,
    age_at_first_sanction: int,
) -> OGRS3Result:
    """The published arithmetic on ages already worked out, with **no rule checks**.

    :func:`score` checks the inputs and then calls this; it is public so that the arithmetic can
    be compared with reference calculators that do not check. ``sex`` must be ``"male"`` or
    ``"female"`` and ``offence_category`` a name from :data:`CATEGORIES` (else ``KeyError``).
    """
    counted = min(SANCTIONS_CAP, previous_sanctions)
    band_index = age_band(age_at_assessment)
    years = age_at_conviction - age_at_first_sanction
    copas_rate = math.log((counted + 1) / (10 + years))
    age_sex = AGE_SEX_COEFFICIENTS[sex][band_index]
    sanctions = REPEAT_OFFENDER if counted > 0 else FIRST_OFFENCE
    offence = OFFENCE_COEFFICIENTS[offence_category]
    copas = COPAS_WEIGHT * copas_rate
    total = copas + sanctions + age_sex + offence
    one_year = _logistic(INTERCEPT_1Y + total)
    two_year = _logistic(INTERCEPT_2Y + total)
    capped = " (capped at 50)" if previous_sanctions > SANCTIONS_CAP else ""
    terms = (
        Term(
            "age_sex",
            "Age and sex",
            f"{sex}, aged {age_at_assessment} at assessment (band {_band_words(band_index)})",
            age_sex,
        ),
        Term(
            "sanctions",
            "Previous sanctions",
            f"{counted} previous sanction{'s' if counted != 1 else ''}{capped}: "
            + ("has offended before" if counted > 0 else "first offence"),
            sanctions,
        ),
        Term(
            "copas",
            "Rate of sanctions (Copas rate)",
            f"{COPAS_WEIGHT} x ln(({counted} + 1) / (10 + {years} years since the first "
            f"sanction)) = {COPAS_WEIGHT} x {copas_rate:.4f}",
            copas,
        ),
        Term("offence", "Current offence", offence_category, offence),
    )
    return OGRS3Result(
        one_year=one_year,
        two_year=two_year,
        band=band(two_year),
        sex=sex,
        offence_category=offence_category,
        sanctions_counted=counted,
        age_at_assessment=age_at_assessment,
        age_at_conviction=age_at_conviction,
        age_at_first_sanction=age_at_first_sanction,
        copas_rate=copas_rate,
        terms=terms,
    )


def parse_iso_date(text: str) -> date | None:
    """``YYYY-MM-DD`` (ISO 8601 calendar date) or ``None``; nothing looser is accepted."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def check_date(field: str, value: object, problems: list[Rule]) -> date | None:
    """The date, or ``None`` with the reason added to ``problems``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(rule(field, "missing"))
        return None
    if isinstance(value, datetime):  # a datetime is a date too, but carries a clock time
        problems.append(rule(field, "not_a_date"))
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        parsed = parse_iso_date(value.strip())
        if parsed is None:
            problems.append(rule(field, "not_a_date"))
        return parsed
    problems.append(rule(field, "not_a_date"))
    return None


def _whole(real: float) -> int | None:
    return int(real) if math.isfinite(real) and real.is_integer() else None


def check_sanctions(value: object, problems: list[Rule]) -> int | None:
    """The count of previous sanctions, or ``None`` with the reason added to ``problems``.

    Whole numbers of any integer type (numpy's included, through :mod:`numbers`, without
    importing numpy), whole floating-point values and strings of digits are accepted; ``bool``
    and anything else is not a whole number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(rule("previous_sanctions", "missing"))
        return None
    number: int | None = None
    if isinstance(value, str):  # the concrete types first: the common cases, and fast
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        number = int(text) if digits.isdecimal() and digits.isascii() else None
    elif isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = int(value)
    elif isinstance(value, float):
        number = _whole(value)
    elif isinstance(value, numbers.Integral):  # e.g. numpy's integers
        number = int(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational):
        number = _whole(float(value))  # e.g. numpy's float32
    if number is None:
        problems.append(rule("previous_sanctions", "not_whole_number"))
        return None
    if number < 0:
        problems.append(rule("previous_sanctions", "negative_sanctions"))
        return None
    return number


def _check_choice(
    field: str,
    value: object,
    index: Mapping[str, int],
    names: Sequence[str],
    missing: str,
    unknown: str,
    problems: list[Rule],
) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(rule(field, missing))
        return None
    found = index.get(normal(value)) if isinstance(value, str) else None
    if found is None:
        problems.append(rule(field, unknown))
        return None
    return names[found]


def score(
    *,
    sex: str | None,
    offence_category: str | None,
    previous_sanctions: int | str | None,
    birth_date: date | str | None,
    conviction_date: date | str | None,
    first_sanction_date: date | str | None,
    assessment_date: date | str | None,
) -> OGRS3Result:
    """Score one case.

    ``sex``: ``"male"`` or ``"female"``; ``offence_category``: one of :data:`CATEGORIES`
    (case and spacing are not significant; nothing else is matched); ``previous_sanctions``: not
    counting the current one; dates: :class:`datetime.date` or ``"YYYY-MM-DD"``; for a first
    offence the first sanction date is the conviction date.

    Raises :class:`InvalidInputError` or :class:`NotCalculableError` listing every problem.
    """
    problems: list[Rule] = []
    sex_name = _check_choice("sex", sex, SEX_INDEX, SEXES, "missing", "unknown_sex", problems)
    category = _check_choice(
        "offence_category",
        offence_category,
        CATEGORY_INDEX,
        CATEGORIES,
        "not_categorised",
        "unknown_category",
        problems,
    )
    count = check_sanctions(previous_sanctions, problems)
    born = check_date("birth_date", birth_date, problems)
    convicted = check_date("conviction_date", conviction_date, problems)
    first = check_date("first_sanction_date", first_sanction_date, problems)
    assessed = check_date("assessment_date", assessment_date, problems)
    born_late = born is not None and convicted is not None and born > convicted
    if born_late:
        problems.append(rule("birth_date", "birth_after_conviction"))
    if first is not None and convicted is not None and first > convicted:
        problems.append(rule("first_sanction_date", "first_sanction_after_conviction"))
    # (a birth date after the conviction is the root cause: not also "before the 10th birthday")
    if (
        born is not None
        and first is not None
        and not born_late
        and whole_years(first, born) < MIN_AGE_AT_FIRST_SANCTION
    ):
        problems.append(rule("first_sanction_date", "first_sanction_before_age_10"))
    if assessed is not None and convicted is not None and assessed < convicted:
        problems.append(rule("assessment_date", "assessment_before_conviction"))
    raise_for(problems)
    assert sex_name and category and count is not None  # noqa: S101 (for the type checker)
    assert born and convicted and first and assessed  # noqa: S101
    return formula(
        sex=sex_name,
        offence_category=category,
        previous_sanctions=count,
        age_at_assessment=whole_years(assessed, born),
        age_at_conviction=whole_years(convicted, born),
        age_at_first_sanction=whole_years(first, born),
    )
