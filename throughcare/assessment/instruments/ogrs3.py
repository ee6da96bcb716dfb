"""OGRS3, the Offender Group Reconviction Scale version 3, exactly as published.

OGRS3 estimates how likely it is that a person will be proven to reoffend within one and two
years, from age, sex, criminal history and the current offence (Howard, Francis, Soothill and
Humphreys 2009, Ministry of Justice Research Summary 7/09). The formula, coefficients, bands and
input rules are those of ``shared/domain/ogrs3.md``; the coefficients below are checked against
``shared/domain/ogrs3-coefficients.json`` by the tests.

Plain Python: no Django, and no clock. The caller passes every date, the assessment date included.

Three ways in:

* :func:`score`, one case: returns an :class:`OGRS3Result` with the one- and two-year
  probabilities, the band and each term's contribution (age and sex, sanctions, Copas rate,
  offence), so that a page can show the sum. Bad input raises :class:`InvalidInputError`; a
  missing detail (such as an offence not yet placed in a category, which is never guessed) raises
  :class:`NotCalculableError`. Both are :class:`OGRS3Error` and say which input and why.
* :func:`score_batch`, many cases as arrays (numpy): per-row results and per-row problems, never
  stopping at a bad row.
* The command ``python -m throughcare.assessment.instruments.ogrs3 --input cases.csv
  --output scored.csv`` (see :func:`main`).

Decisions, each checked against the golden master (1,000 cases produced by the Ministry of
Justice's reference calculator, NOMS-DIGITAL-STUDIO/rsr-calculator ``lib/calculateOGRS3.js``):

* **All three ages are whole years completed**: the age at assessment (which picks the age band)
  *and* the ages at the current conviction and at the first sanction in the Copas denominator.
  The reference calculator works out every age with its ``dateDiff``: the difference in calendar
  years, less one if the birthday has not yet come round that year. With whole years the golden
  master is matched to 3e-16; with fractional ages (days / 365.25) in the Copas denominator it is
  missed by up to 0.023. Someone born on 29 February has their birthday on 1 March in common
  years, as in ``dateDiff``.
* **Previous sanctions are capped at 50** before use, in the Copas rate and in the first-offence
  switch, as the reference calculator does (seven golden-master cases have more than 50).
* **Band**: from the two-year probability as a whole percentage rounded half up, the number that
  is displayed (Low 0-49, Medium 50-74, High 75-89, Very high 90+), as the Ministry of Justice's
  actuarial service (hmpps-arns-risk-actuarial-api) does. Probabilities are kept and returned at
  full precision; only the display percentage and the band use the rounded value.
* **Rules** (``ogrs3.md``, "Invalid input"): birth date after the conviction date; first sanction
  after the current conviction; first sanction before the 10th birthday; a negative sanction
  count; an assessment before the conviction; an unknown category. Each has a code (see
  :data:`RULES`). The reference calculator checks none of them, and one golden-master case has a
  first sanction at age 9: :func:`score` rejects it, while :func:`formula` (the arithmetic alone,
  which :func:`score` uses) reproduces the reference figure. The tests check both.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import math
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, TextIO

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# ---------------------------------------------------------------------------------------------
# Coefficients (ogrs3.md; NOMS-DIGITAL-STUDIO/rsr-calculator lib/data/coefficients.json)
# ---------------------------------------------------------------------------------------------
INTERCEPT_1Y: Final = 1.402562384
INTERCEPT_2Y: Final = 2.121705678
COPAS_WEIGHT: Final = 1.251124464
REPEAT_OFFENDER: Final = 0.463062792
FIRST_OFFENCE: Final = 0.126142106
SANCTIONS_CAP: Final = 50
MIN_AGE_AT_FIRST_SANCTION: Final = 10

SEXES: Final = ("male", "female")

#: Age bands (whole years at assessment): lower and upper bound, ``None`` meaning "and over".
AGE_BANDS: Final[tuple[tuple[int, int | None], ...]] = (
    (10, 11), (12, 13), (14, 15), (16, 17), (18, 20), (21, 24),
    (25, 29), (30, 34), (35, 39), (40, 49), (50, None),
)
_BAND_UPPER: Final = (11, 13, 15, 17, 20, 24, 29, 34, 39, 49)

AGE_SEX_COEFFICIENTS: Final[dict[str, tuple[float, ...]]] = {
    "male": (
        0.0, 0.083922902, 0.075775765, -0.061594199, -0.625103618, -1.051515067,
        -1.166679288, -1.325976554, -1.368045933, -1.499690953, -2.025261458,
    ),
    "female": (
        -0.785038489, -0.613852078, -0.669521331, -0.959179629, -0.897480934, -1.028488454,
        -1.052777806, -1.129127959, -1.42187494, -1.524652221, -2.44983716,
    ),
}

#: The 20 offence categories, in the order of ogrs3.md's table, with their coefficients.
OFFENCE_COEFFICIENTS: Final[dict[str, float]] = {
    "Violence": 0.0,
    "Robbery": -0.634795912,
    "Public order": 0.181917975,
    "Sexual (not against child)": 0.003276327,
    "Sexual (against child)": -0.653434071,
    "Soliciting or prostitution": 0.760608858,
    "Burglary (domestic)": -0.12394352,
    "Burglary (other)": 0.240604429,
    "Theft (non-motor)": 0.661244321,
    "Handling stolen goods": 0.351866973,
    "Fraud and forgery": 0.159910192,
    "Absconding or bail offences": 0.733378677,
    "Taking and driving away and related offences": 0.380059431,
    "Theft from vehicles": 0.427225615,
    "Other motoring": 0.262228428,
    "Drink driving": -0.121439408,
    "Criminal damage": 0.204960477,
    "Drug import/export/production": -0.795556373,
    "Drug possession/supply": 0.077165871,
    "Other offence": -0.060667525,
}
CATEGORIES: Final = tuple(OFFENCE_COEFFICIENTS)

#: Bands on the two-year percentage: name and lowest whole percentage.
BANDS: Final = (("Low", 0), ("Medium", 50), ("High", 75), ("Very high", 90))
BAND_NAMES: Final = tuple(name for name, _ in BANDS)
_BAND_FLOORS: Final = tuple(floor for _, floor in BANDS[1:])

_AGE_SEX_TABLE: Final = np.array([AGE_SEX_COEFFICIENTS[s] for s in SEXES], dtype=np.float64)
_OFFENCE_TABLE: Final = np.array(list(OFFENCE_COEFFICIENTS.values()), dtype=np.float64)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


_CATEGORY_INDEX: Final = {_normal(name): i for i, name in enumerate(CATEGORIES)}
_SEX_INDEX: Final = {name: i for i, name in enumerate(SEXES)}


# ---------------------------------------------------------------------------------------------
# Problems and errors
# ---------------------------------------------------------------------------------------------
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


_DATE_FIELDS: Final = ("birth_date", "conviction_date", "first_sanction_date", "assessment_date")
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
        ("offence_category", "not_categorised",
         "the current offence has not been placed in an OGRS3 category, so the score cannot be "
         "calculated: record the category (it is never guessed)", True),
        ("offence_category", "unknown_category",
         "not one of the 20 OGRS3 offence categories named in ogrs3.md", False),
        ("previous_sanctions", "missing", "the number of previous sanctions is missing", True),
        ("previous_sanctions", "not_whole_number",
         "the number of previous sanctions must be a whole number", False),
        ("previous_sanctions", "negative_sanctions",
         "the number of previous sanctions cannot be negative", False),
    ]
    for name in _DATE_FIELDS:
        words = _DATE_WORDS[name]
        specs.append((name, "missing", f"the {words} is missing", True))
        specs.append((name, "not_a_date", f"the {words} is not a date written as YYYY-MM-DD",
                      False))
    specs += [
        ("birth_date", "birth_after_conviction",
         "the date of birth is after the date of the current conviction", False),
        ("first_sanction_date", "first_sanction_after_conviction",
         "the first sanction is after the current conviction (for a first offence it is the "
         "current conviction date)", False),
        ("first_sanction_date", "first_sanction_before_age_10",
         "the first sanction is before the person's 10th birthday", False),
        ("assessment_date", "assessment_before_conviction",
         "the assessment date is before the date of the current conviction", False),
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


def _raise_for(problems: list[Rule]) -> None:
    if problems:
        if all(p.not_calculable for p in problems):
            raise NotCalculableError(problems)
        raise InvalidInputError(problems)


# ---------------------------------------------------------------------------------------------
# One case
# ---------------------------------------------------------------------------------------------
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
    return bisect.bisect_left(_BAND_UPPER, age)


def percent(probability: float) -> int:
    """A probability as a whole percentage, rounded half up (for display and the band)."""
    return math.floor(probability * 100.0 + 0.5)


def band(two_year: float) -> str:
    """The band for a two-year probability (0-1)."""
    return BAND_NAMES[bisect.bisect_right(_BAND_FLOORS, percent(two_year))]


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
        Term("age_sex", "Age and sex",
             f"{sex}, aged {age_at_assessment} at assessment (band {_band_words(band_index)})",
             age_sex),
        Term("sanctions", "Previous sanctions",
             f"{counted} previous sanction{'s' if counted != 1 else ''}{capped}: "
             + ("has offended before" if counted > 0 else "first offence"),
             sanctions),
        Term("copas", "Rate of sanctions (Copas rate)",
             f"{COPAS_WEIGHT} x ln(({counted} + 1) / (10 + {years} years since the first "
             f"sanction)) = {COPAS_WEIGHT} x {copas_rate:.4f}",
             copas),
        Term("offence", "Current offence", offence_category, offence),
    )
    return OGRS3Result(
        one_year=one_year, two_year=two_year, band=band(two_year), sex=sex,
        offence_category=offence_category, sanctions_counted=counted,
        age_at_assessment=age_at_assessment, age_at_conviction=age_at_conviction,
        age_at_first_sanction=age_at_first_sanction, copas_rate=copas_rate, terms=terms,
    )


def parse_iso_date(text: str) -> date | None:
    """``YYYY-MM-DD`` (ISO 8601 calendar date) or ``None``; nothing looser is accepted."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _check_date(field: str, value: object, problems: list[Rule]) -> date | None:
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


def _check_sanctions(value: object, problems: list[Rule]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(rule("previous_sanctions", "missing"))
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | np.integer):
        number = int(value)
    elif isinstance(value, float | np.floating):
        number = int(value) if math.isfinite(value) and float(value).is_integer() else None
    elif isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        number = int(text) if digits.isdecimal() and digits.isascii() else None
    if number is None:
        problems.append(rule("previous_sanctions", "not_whole_number"))
        return None
    if number < 0:
        problems.append(rule("previous_sanctions", "negative_sanctions"))
        return None
    return number


def _check_choice(field: str, value: object, index: dict[str, int], names: Sequence[str],
                  missing: str, unknown: str, problems: list[Rule]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(rule(field, missing))
        return None
    found = index.get(_normal(value)) if isinstance(value, str) else None
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
    sex_name = _check_choice("sex", sex, _SEX_INDEX, SEXES, "missing", "unknown_sex", problems)
    category = _check_choice("offence_category", offence_category, _CATEGORY_INDEX, CATEGORIES,
                             "not_categorised", "unknown_category", problems)
    count = _check_sanctions(previous_sanctions, problems)
    born = _check_date("birth_date", birth_date, problems)
    convicted = _check_date("conviction_date", conviction_date, problems)
    first = _check_date("first_sanction_date", first_sanction_date, problems)
    assessed = _check_date("assessment_date", assessment_date, problems)
    born_late = born is not None and convicted is not None and born > convicted
    if born_late:
        problems.append(rule("birth_date", "birth_after_conviction"))
    if first is not None and convicted is not None and first > convicted:
        problems.append(rule("first_sanction_date", "first_sanction_after_conviction"))
    # (a birth date after the conviction is the root cause: not also "before the 10th birthday")
    if (born is not None and first is not None and not born_late
            and whole_years(first, born) < MIN_AGE_AT_FIRST_SANCTION):
        problems.append(rule("first_sanction_date", "first_sanction_before_age_10"))
    if assessed is not None and convicted is not None and assessed < convicted:
        problems.append(rule("assessment_date", "assessment_before_conviction"))
    _raise_for(problems)
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


# ---------------------------------------------------------------------------------------------
# Many cases (numpy)
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchResult:
    """Per-row results of :func:`score_batch`. A row that could not be scored has NaN
    probabilities and terms, band index -1 and its reasons in ``problem_flags``."""

    one_year: FloatArray
    two_year: FloatArray
    band_index: npt.NDArray[np.int8]
    age_sex: FloatArray
    sanctions: FloatArray
    copas: FloatArray
    offence: FloatArray
    problem_flags: npt.NDArray[np.uint32]  # bit ``rule.bit`` set for each rule broken

    def __len__(self) -> int:
        return len(self.one_year)

    @property
    def ok(self) -> npt.NDArray[np.bool_]:
        return self.problem_flags == 0

    def bands(self) -> list[str | None]:
        """Band names, ``None`` where not scored."""
        names: list[str | None] = [*BAND_NAMES, None]
        return [names[i] for i in self.band_index.tolist()]

    def problems(self, row: int) -> tuple[Rule, ...]:
        flags = int(self.problem_flags[row])
        return tuple(r for r in RULES if flags >> r.bit & 1)

    def errors(self) -> list[str | None]:
        """One message per row (every problem, joined by "; "), ``None`` where scored."""
        out: list[str | None] = [None] * len(self)
        for row in np.flatnonzero(self.problem_flags).tolist():
            out[row] = "; ".join(str(p) for p in self.problems(row))
        return out


_MISSING: Final = -1
_AGE_BAND_LOOKUP: Final = np.array([age_band(a) for a in range(51)], dtype=np.int64)
_RISK_BAND_LOOKUP: Final = np.array(
    [bisect.bisect_right(_BAND_FLOORS, p) for p in range(101)], dtype=np.int8)
_INVALID: Final = -2
_NAT_DAYS: Final = np.iinfo(np.int64).min


def _flag(flags: npt.NDArray[np.uint32], mask: npt.NDArray[np.bool_], field: str,
          code: str) -> None:
    flags |= mask.astype(np.uint32) << np.uint32(_RULE[(field, code)].bit)


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def _encode(values: npt.ArrayLike, index: dict[str, int]) -> IntArray:
    """Strings to codes (``_MISSING`` blank, ``_INVALID`` not found); integers pass through."""
    arr = np.asarray(values)
    if arr.dtype.kind in "iu":
        return arr.astype(np.int64, copy=False)
    cache: dict[object, int] = {}

    def code(value: object) -> int:
        found = cache.get(value)
        if found is None:
            if _is_blank(value):
                found = _MISSING
            elif isinstance(value, str):
                found = index.get(_normal(value), _INVALID)
            else:
                found = _INVALID
            cache[value] = found
        return found

    return np.fromiter((code(v) for v in arr.ravel().tolist()), dtype=np.int64, count=arr.size)


def encode_sex(values: npt.ArrayLike) -> IntArray:
    """``male``/``female`` strings to the codes :func:`score_batch` uses (0, 1; -1 blank)."""
    return _encode(values, _SEX_INDEX)


def encode_category(values: npt.ArrayLike) -> IntArray:
    """Category names to indices into :data:`CATEGORIES` (-1 blank, -2 unknown)."""
    return _encode(values, _CATEGORY_INDEX)


def _days(values: npt.ArrayLike) -> IntArray:
    """Days since 1970-01-01; ``_NAT_DAYS`` for blank, ``_NAT_DAYS + 1`` for not a date."""
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        # NaT is int64 min, i.e. "blank"
        return arr.astype("datetime64[D]", copy=False).view(np.int64)
    cache: dict[object, int] = {}

    def convert(value: object) -> int:
        found = cache.get(value)
        if found is None:
            if _is_blank(value):
                found = _NAT_DAYS
            else:
                parsed: date | None = None
                if isinstance(value, str):
                    parsed = parse_iso_date(value.strip())
                elif isinstance(value, date) and not isinstance(value, datetime):
                    parsed = value
                found = _NAT_DAYS + 1 if parsed is None else parsed.toordinal() - _EPOCH
            cache[value] = found
        return found

    return np.fromiter((convert(v) for v in arr.ravel().tolist()), dtype=np.int64,
                       count=arr.size)


_EPOCH: Final = date(1970, 1, 1).toordinal()


def _sanction_counts(values: npt.ArrayLike) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Counts as float64 (NaN blank) and a mask of values that are not whole numbers."""
    arr = np.asarray(values)
    if arr.dtype.kind in "iu":
        return arr.astype(np.float64), np.zeros(arr.shape, dtype=bool)
    if arr.dtype.kind == "f":
        counts = arr.astype(np.float64)
        finite = np.isfinite(counts)
        bad = (~finite & ~np.isnan(counts)) | (finite & (counts != np.round(counts)))
        return counts, bad
    out = np.empty(arr.size, dtype=np.float64)
    bad = np.zeros(arr.size, dtype=bool)
    for i, value in enumerate(arr.ravel().tolist()):
        problems: list[Rule] = []
        number = _check_sanctions(value, problems)
        if number is not None:
            out[i] = number
        elif problems and problems[0].code == "negative_sanctions":
            out[i] = -1.0
        elif problems and problems[0].code == "missing":
            out[i] = np.nan
        else:
            out[i] = 0.0
            bad[i] = True
    return out, bad


def _year_and_day(days: IntArray) -> tuple[IntArray, IntArray]:
    """Calendar year and a month-day key (month * 32 + day) for days since 1970-01-01."""
    d = days.astype("datetime64[D]")
    months = d.astype("datetime64[M]").astype(np.int64)
    years = months // 12
    month_day = (months - years * 12) * 32 + (days - months.astype("datetime64[M]").astype(
        "datetime64[D]").astype(np.int64))
    return years + 1970, month_day


class _Calendar:
    """Calendar year and month-day key for days since 1970-01-01, by table look-up over the
    span of the dates given (ten times faster than converting each array), or by conversion
    when the dates span more than about 550 years."""

    def __init__(self, arrays: Sequence[IntArray]) -> None:
        lo = hi = 0  # 0 (1970-01-01) stands in for unusable dates
        for a in arrays:
            usable = a > _NAT_DAYS + 1
            lo = min(lo, int(a.min(initial=0, where=usable)))
            hi = max(hi, int(a.max(initial=0, where=usable)))
        self.lo = lo
        self.table = (None if hi - lo > 200_000
                      else _year_and_day(np.arange(lo, hi + 1, dtype=np.int64)))

    def __call__(self, days: IntArray) -> tuple[IntArray, IntArray]:
        if self.table is None:
            return _year_and_day(days)
        index = days - self.lo
        return self.table[0][index], self.table[1][index]


def _whole_years(later: tuple[IntArray, IntArray], born: tuple[IntArray, IntArray]) -> IntArray:
    return later[0] - born[0] - (later[1] < born[1])


#: Rows scored together: small enough for the working arrays to stay in the processor's cache.
BLOCK_ROWS: Final = 1 << 15


def score_batch(
    *,
    sex: npt.ArrayLike,
    offence_category: npt.ArrayLike,
    previous_sanctions: npt.ArrayLike,
    birth_date: npt.ArrayLike,
    conviction_date: npt.ArrayLike,
    first_sanction_date: npt.ArrayLike,
    assessment_date: npt.ArrayLike,
) -> BatchResult:
    """Score many cases at once. Every argument is a sequence of the same length.

    * ``sex``: strings ``male``/``female``, or integer codes from :func:`encode_sex`;
    * ``offence_category``: category names, or indices from :func:`encode_category`
      (-1 = not placed in a category);
    * ``previous_sanctions``: integers (floats must be whole; NaN = missing), or strings;
    * dates: ``datetime64`` (NaT = missing), or ``YYYY-MM-DD`` strings / ``date`` objects.

    The fastest input is integer codes and ``datetime64[D]`` arrays. Bad rows never stop the
    batch: they are reported per row in the result.
    """
    sex_code = encode_sex(sex)
    cat_code = encode_category(offence_category)
    counts, not_whole = _sanction_counts(previous_sanctions)
    dates = [_days(v) for v in (birth_date, conviction_date, first_sanction_date,
                                assessment_date)]
    n = sex_code.shape[0]
    for name, arr in zip(("offence_category", "previous_sanctions", *_DATE_FIELDS),
                         (cat_code, counts, *dates), strict=True):
        if arr.shape != (n,):
            raise ValueError(f"{name} has {arr.shape[0]} rows but sex has {n}")
    calendar = _Calendar(dates)
    out = BatchResult(
        one_year=np.empty(n), two_year=np.empty(n), band_index=np.empty(n, dtype=np.int8),
        age_sex=np.empty(n), sanctions=np.empty(n), copas=np.empty(n), offence=np.empty(n),
        problem_flags=np.empty(n, dtype=np.uint32),
    )
    for start in range(0, n, BLOCK_ROWS):
        rows = slice(start, start + BLOCK_ROWS)
        _score_block(out, rows, sex_code[rows], cat_code[rows], counts[rows], not_whole[rows],
                     [d[rows] for d in dates], calendar)
    return out


def _score_block(out: BatchResult, rows: slice, sex_code: IntArray, cat_code: IntArray,
                 counts: FloatArray, not_whole: npt.NDArray[np.bool_], dates: list[IntArray],
                 calendar: _Calendar) -> None:
    flags = np.zeros(len(sex_code), dtype=np.uint32)
    _flag(flags, sex_code == _MISSING, "sex", "missing")
    _flag(flags, (sex_code != _MISSING) & ((sex_code < 0) | (sex_code > 1)), "sex", "unknown_sex")
    _flag(flags, cat_code == _MISSING, "offence_category", "not_categorised")
    _flag(flags, (cat_code != _MISSING) & ((cat_code < 0) | (cat_code >= len(CATEGORIES))),
          "offence_category", "unknown_category")
    _flag(flags, np.isnan(counts) & ~not_whole, "previous_sanctions", "missing")
    _flag(flags, not_whole, "previous_sanctions", "not_whole_number")
    _flag(flags, ~not_whole & (counts < 0), "previous_sanctions", "negative_sanctions")
    valid = []
    for name, days in zip(_DATE_FIELDS, dates, strict=True):
        _flag(flags, days == _NAT_DAYS, name, "missing")
        _flag(flags, days == _NAT_DAYS + 1, name, "not_a_date")
        valid.append(days > _NAT_DAYS + 1)

    # Work on safe stand-ins where a value is unusable; those rows are blanked at the end.
    birth, conviction, first_sanction, assessment = (
        np.where(ok, days, 0) for ok, days in zip(valid, dates, strict=True))
    born_ok, conv_ok, first_ok, assess_ok = valid
    born, convicted, first, assessed = (calendar(d) for d in (birth, conviction, first_sanction,
                                                              assessment))
    born_late = born_ok & conv_ok & (birth > conviction)
    _flag(flags, born_late, "birth_date", "birth_after_conviction")
    _flag(flags, first_ok & conv_ok & (first_sanction > conviction),
          "first_sanction_date", "first_sanction_after_conviction")
    age_first = _whole_years(first, born)
    _flag(flags, born_ok & ~born_late & first_ok & (age_first < MIN_AGE_AT_FIRST_SANCTION),
          "first_sanction_date", "first_sanction_before_age_10")
    _flag(flags, assess_ok & conv_ok & (assessment < conviction),
          "assessment_date", "assessment_before_conviction")

    ok = flags == 0
    age_assess = _whole_years(assessed, born)
    counted = np.minimum(np.where(ok, counts, 0.0), SANCTIONS_CAP)
    years = np.where(ok, _whole_years(convicted, born) - age_first, 0)
    copas = COPAS_WEIGHT * np.log((counted + 1.0) / (10.0 + years))
    sanctions = np.where(counted > 0, REPEAT_OFFENDER, FIRST_OFFENCE)
    band_idx = _AGE_BAND_LOOKUP[np.clip(age_assess, 0, 50)]
    age_sex = _AGE_SEX_TABLE[np.where(ok, sex_code, 0), band_idx]
    offence = _OFFENCE_TABLE[np.where(ok, cat_code, 0)]
    total = copas + sanctions + age_sex + offence
    one_year = 1.0 / (1.0 + np.exp(-(INTERCEPT_1Y + total)))
    two_year = 1.0 / (1.0 + np.exp(-(INTERCEPT_2Y + total)))
    pct = np.floor(two_year * 100.0 + 0.5).astype(np.int64)
    band_index = _RISK_BAND_LOOKUP[np.clip(pct, 0, 100)]

    bad = ~ok
    for name, values in (("one_year", one_year), ("two_year", two_year), ("age_sex", age_sex),
                         ("sanctions", sanctions), ("copas", copas), ("offence", offence)):
        values[bad] = np.nan
        getattr(out, name)[rows] = values
    band_index[bad] = -1
    out.band_index[rows] = band_index
    out.problem_flags[rows] = flags


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------
INPUT_COLUMNS: Final = ("sex", "offence_category", "previous_sanctions", "birth_date",
                        "conviction_date", "first_sanction_date", "assessment_date")
OUTPUT_COLUMNS: Final = ("ogrs3_1y", "ogrs3_2y", "ogrs3_band", "error")


class CommandError(Exception):
    """A problem with the whole input (not one row): reported and exit status 1."""


def _chunks(reader: Iterator[list[str]], size: int) -> Iterator[list[list[str]]]:
    chunk: list[list[str]] = []
    for row in reader:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def score_csv(source: TextIO, target: TextIO, *, chunk_size: int = 50_000,
              progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Score every row of ``source`` (CSV with :data:`INPUT_COLUMNS`) into ``target``.

    Returns (rows, rows not scored). Raises :class:`CommandError` for an empty file or
    missing columns. Output: the input columns (any old ``ogrs3_*``/``error`` columns replaced)
    plus :data:`OUTPUT_COLUMNS`, one row per input row, in order.
    """
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise CommandError("the input file is empty: it needs a header row naming the columns "
                           + ", ".join(INPUT_COLUMNS))
    names = [h.strip() for h in header]
    missing = [c for c in INPUT_COLUMNS if c not in names]
    if missing:
        raise CommandError("the input has no column named " + ", ".join(missing)
                           + " (columns needed: " + ", ".join(INPUT_COLUMNS) + ")")
    keep = [i for i, h in enumerate(names) if h not in OUTPUT_COLUMNS]
    where = {c: names.index(c) for c in INPUT_COLUMNS}
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow([header[i] for i in keep] + list(OUTPUT_COLUMNS))
    width = len(header)
    total = failed = 0
    for chunk in _chunks(reader, chunk_size):
        shape_error: dict[int, str] = {}
        columns: dict[str, list[str | None]] = {c: [] for c in INPUT_COLUMNS}
        for r, row in enumerate(chunk):
            if len(row) != width:
                shape_error[r] = (f"row has {len(row)} values but the header has {width} "
                                  "columns")
            for c, i in where.items():
                columns[c].append(row[i] if i < len(row) else None)
        result = score_batch(**{c: np.array(v, dtype=object) for c, v in columns.items()})
        errors = result.errors()
        one = result.one_year.tolist()
        two = result.two_year.tolist()
        bands = result.bands()
        for r, row in enumerate(chunk):
            padded = row + [""] * (width - len(row))
            error = shape_error.get(r) or errors[r]
            if error is None:
                extra = [repr(one[r]), repr(two[r]), bands[r] or "", ""]
            else:
                failed += 1
                extra = ["", "", "", error]
            writer.writerow([padded[i] for i in keep] + extra)
        total += len(chunk)
        if progress is not None:
            progress(total, failed)
    return total, failed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m throughcare.assessment.instruments.ogrs3 --input IN.csv --output OUT.csv``."""
    parser = argparse.ArgumentParser(
        prog="python -m throughcare.assessment.instruments.ogrs3",
        description="Score a CSV file of cases with OGRS3. Input columns: "
        + ", ".join(INPUT_COLUMNS) + " (dates YYYY-MM-DD, sex male/female, offence categories "
        "as named in ogrs3.md). Output: the input columns plus " + ", ".join(OUTPUT_COLUMNS)
        + "; probabilities are 0-1 at full precision; a row that cannot be scored has its "
        "reason in 'error' and empty scores.",
    )
    parser.add_argument("--input", required=True, help="CSV file to score ('-' for stdin)")
    parser.add_argument("--output", required=True, help="CSV file to write ('-' for stdout)")
    parser.add_argument("--chunk-size", type=int, default=50_000, help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help="no progress on standard error")
    args = parser.parse_args(argv)
    if args.chunk_size < 1:
        parser.error("--chunk-size must be at least 1")
    started = time.perf_counter()

    def progress(rows: int, failed: int) -> None:
        if not args.quiet and rows >= args.chunk_size:
            print(f"ogrs3: {rows:,} rows read, {failed:,} not scored "
                  f"({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)

    source: TextIO | None = None
    target: TextIO | None = None
    try:
        source = (sys.stdin if args.input == "-"
                  else open(args.input, encoding="utf-8-sig", newline=""))  # noqa: SIM115
        target = (sys.stdout if args.output == "-"
                  else open(args.output, "w", encoding="utf-8", newline=""))  # noqa: SIM115
        rows, failed = score_csv(source, target, chunk_size=args.chunk_size, progress=progress)
    except OSError as exc:
        print(f"ogrs3: error: {exc}", file=sys.stderr)
        return 1
    except (CommandError, UnicodeDecodeError, csv.Error) as exc:
        print(f"ogrs3: error in {args.input}: {exc}", file=sys.stderr)
        return 1
    finally:
        for stream in (source, target):
            if stream is not None and stream not in (sys.stdin, sys.stdout):
                stream.close()
    if not args.quiet:
        print(f"ogrs3: scored {rows - failed:,} of {rows:,} rows; {failed:,} could not be scored "
              "(reason in the 'error' column)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
