"""Many cases as arrays (numpy): per-row results and per-row problems, never stopping at a bad
row. The same rules and arithmetic as :mod:`.case`, which the tests check row by row; only this
module and the command import numpy.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

import numpy as np
import numpy.typing as npt

from .case import age_band, check_sanctions, parse_iso_date
from .coefficients import (
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
from .errors import DATE_FIELDS, RULES, Rule, rule

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_AGE_SEX_TABLE: Final = np.array([AGE_SEX_COEFFICIENTS[s] for s in SEXES], dtype=np.float64)
_OFFENCE_TABLE: Final = np.array(list(OFFENCE_COEFFICIENTS.values()), dtype=np.float64)


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
    def ok(self) -> BoolArray:
        ok: BoolArray = np.equal(self.problem_flags, 0)
        return ok

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
    [bisect.bisect_right(BAND_FLOORS, p) for p in range(101)], dtype=np.int8
)
_INVALID: Final = -2
_NAT_DAYS: Final = np.iinfo(np.int64).min


def _flag(flags: npt.NDArray[np.uint32], mask: BoolArray, field: str, code: str) -> None:
    flags |= mask.astype(np.uint32) << np.uint32(rule(field, code).bit)


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
                found = index.get(normal(value), _INVALID)
            else:
                found = _INVALID
            cache[value] = found
        return found

    return np.fromiter((code(v) for v in arr.ravel().tolist()), dtype=np.int64, count=arr.size)


def encode_sex(values: npt.ArrayLike) -> IntArray:
    """``male``/``female`` strings to the codes :func:`score_batch` uses (0, 1; -1 blank)."""
    return _encode(values, SEX_INDEX)


def encode_category(values: npt.ArrayLike) -> IntArray:
    """Category names to indices into :data:`CATEGORIES` (-1 blank, -2 unknown)."""
    return _encode(values, CATEGORY_INDEX)


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

    return np.fromiter((convert(v) for v in arr.ravel().tolist()), dtype=np.int64, count=arr.size)


_EPOCH: Final = date(1970, 1, 1).toordinal()


def _sanction_counts(values: npt.ArrayLike) -> tuple[FloatArray, BoolArray]:
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
        number = check_sanctions(value, problems)
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
    month_day = (months - years * 12) * 32 + (
        days - months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    )
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
        self.table = (
            None if hi - lo > 200_000 else _year_and_day(np.arange(lo, hi + 1, dtype=np.int64))
        )

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
    dates = [_days(v) for v in (birth_date, conviction_date, first_sanction_date, assessment_date)]
    n = sex_code.shape[0]
    for name, arr in zip(
        ("offence_category", "previous_sanctions", *DATE_FIELDS),
        (cat_code, counts, *dates),
        strict=True,
    ):
        if arr.shape != (n,):
            raise ValueError(f"{name} has {arr.shape[0]} rows but sex has {n}")
    calendar = _Calendar(dates)
    out = BatchResult(
        one_year=np.empty(n),
        two_year=np.empty(n),
        band_index=np.empty(n, dtype=np.int8),
        age_sex=np.empty(n),
        sanctions=np.empty(n),
        copas=np.empty(n),
        offence=np.empty(n),
        problem_flags=np.empty(n, dtype=np.uint32),
    )
    for start in range(0, n, BLOCK_ROWS):
        rows = slice(start, start + BLOCK_ROWS)
        _score_block(
            out,
            rows,
            sex_code[rows],
            cat_code[rows],
            counts[rows],
            not_whole[rows],
            [d[rows] for d in dates],
            calendar,
        )
    return out


def _score_block(
    out: BatchResult,
    rows: slice,
    sex_code: IntArray,
    cat_code: IntArray,
    counts: FloatArray,
    not_whole: BoolArray,
    dates: list[IntArray],
    calendar: _Calendar,
) -> None:
    flags = np.zeros(len(sex_code), dtype=np.uint32)
    _flag(flags, sex_code == _MISSING, "sex", "missing")
    _flag(flags, (sex_code != _MISSING) & ((sex_code < 0) | (sex_code > 1)), "sex", "unknown_sex")
    _flag(flags, cat_code == _MISSING, "offence_category", "not_categorised")
    _flag(
        flags,
        (cat_code != _MISSING) & ((cat_code < 0) | (cat_code >= len(CATEGORIES))),
        "offence_category",
        "unknown_category",
    )
    _flag(flags, np.isnan(counts) & ~not_whole, "previous_sanctions", "missing")
    _flag(flags, not_whole, "previous_sanctions", "not_whole_number")
    _flag(flags, ~not_whole & (counts < 0), "previous_sanctions", "negative_sanctions")
    valid = []
    for name, days in zip(DATE_FIELDS, dates, strict=True):
        _flag(flags, days == _NAT_DAYS, name, "missing")
        _flag(flags, days == _NAT_DAYS + 1, name, "not_a_date")
        valid.append(days > _NAT_DAYS + 1)

    # Work on safe stand-ins where a value is unusable; those rows are blanked at the end.
    birth, conviction, first_sanction, assessment = (
        np.where(ok, days, 0) for ok, days in zip(valid, dates, strict=True)
    )
    born_ok, conv_ok, first_ok, assess_ok = valid
    born, convicted, first, assessed = (
        calendar(d) for d in (birth, conviction, first_sanction, assessment)
    )
    born_late = born_ok & conv_ok & (birth > conviction)
    _flag(flags, born_late, "birth_date", "birth_after_conviction")
    _flag(
        flags,
        first_ok & conv_ok & (first_sanction > conviction),
        "first_sanction_date",
        "first_sanction_after_conviction",
    )
    age_first = _whole_years(first, born)
    _flag(
        flags,
        born_ok & ~born_late & first_ok & (age_first < MIN_AGE_AT_FIRST_SANCTION),
        "first_sanction_date",
        "first_sanction_before_age_10",
    )
    _flag(
        flags,
        assess_ok & conv_ok & (assessment < conviction),
        "assessment_date",
        "assessment_before_conviction",
    )

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
    for name, values in (
        ("one_year", one_year),
        ("two_year", two_year),
        ("age_sex", age_sex),
        ("sanctions", sanctions),
        ("copas", copas),
        ("offence", offence),
    ):
        values[bad] = np.nan
        getattr(out, name)[rows] = values
    band_index[bad] = -1
    out.band_index[rows] = band_index
    out.problem_flags[rows] = flags
