"""OGRS3, the Offender Group Reconviction Scale version 3, exactly as published.

OGRS3 estimates how likely it is that a person will be proven to reoffend within one and two
years, from age, sex, criminal history and the current offence (Howard, Francis, Soothill and
Humphreys 2009, Ministry of Justice Research Summary 7/09). The formula, coefficients, bands and
input rules are those of ``shared/domain/ogrs3.md``; the coefficients are checked against
``shared/domain/ogrs3-coefficients.json`` by the tests.

Plain Python: no Django, and no clock. The caller passes every date, the assessment date included.

The package, one concern a module:

* :mod:`.coefficients`: the published numbers and the table of the 20 offence categories (the
  one source of the people app's choices);
* :mod:`.errors`: every :class:`Rule` a case can break, and the errors that carry them;
* :mod:`.case`: one case, :func:`score` (and :func:`formula`, the arithmetic alone). Importing
  this package loads only these three modules: **no numpy**;
* :mod:`.batch`: many cases as numpy arrays, :func:`score_batch`;
* :mod:`.command`: the CSV command, run as ``python -m throughcare.assessment.instruments.ogrs3
  --input cases.csv --output scored.csv`` (see :func:`main`).

Everything is reachable as ``ogrs3.NAME``; the names from :mod:`.batch` and :mod:`.command` are
loaded (with numpy) the first time they are used.

Three ways in:

* :func:`score`, one case: returns an :class:`OGRS3Result` with the one- and two-year
  probabilities, the band and each term's contribution (age and sex, sanctions, Copas rate,
  offence), so that a page can show the sum. Bad input raises :class:`InvalidInputError`; a
  missing detail (such as an offence not yet placed in a category, which is never guessed) raises
  :class:`NotCalculableError`. Both are :class:`OGRS3Error` and say which input and why.
* :func:`score_batch`, many cases as arrays (numpy): per-row results and per-row problems, never
  stopping at a bad row.
* The command.

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

from importlib import import_module
from typing import TYPE_CHECKING

from .case import (
    OGRS3Result,
    Term,
    age_band,
    band,
    formula,
    parse_iso_date,
    percent,
    score,
    whole_years,
)
from .coefficients import (
    AGE_BANDS,
    AGE_SEX_COEFFICIENTS,
    BAND_NAMES,
    BANDS,
    CATEGORIES,
    COPAS_WEIGHT,
    FIRST_OFFENCE,
    INTERCEPT_1Y,
    INTERCEPT_2Y,
    MIN_AGE_AT_FIRST_SANCTION,
    OFFENCE_COEFFICIENTS,
    REPEAT_OFFENDER,
    SANCTIONS_CAP,
    SEXES,
)
from .errors import RULES, InvalidInputError, NotCalculableError, OGRS3Error, Rule, rule

if TYPE_CHECKING:  # loaded on first use by __getattr__ below, so that numpy is loaded only then
    from .batch import BatchResult, encode_category, encode_sex, score_batch
    from .command import INPUT_COLUMNS, OUTPUT_COLUMNS, CommandError, main, score_csv

_LATER = {
    "BatchResult": "batch",
    "encode_category": "batch",
    "encode_sex": "batch",
    "score_batch": "batch",
    "INPUT_COLUMNS": "command",
    "OUTPUT_COLUMNS": "command",
    "CommandError": "command",
    "main": "command",
    "score_csv": "command",
}

__all__ = [
    "AGE_BANDS",
    "AGE_SEX_COEFFICIENTS",
    "BAND_NAMES",
    "BANDS",
    "CATEGORIES",
    "COPAS_WEIGHT",
    "FIRST_OFFENCE",
    "INTERCEPT_1Y",
    "INTERCEPT_2Y",
    "MIN_AGE_AT_FIRST_SANCTION",
    "OFFENCE_COEFFICIENTS",
    "REPEAT_OFFENDER",
    "RULES",
    "SANCTIONS_CAP",
    "SEXES",
    "InvalidInputError",
    "NotCalculableError",
    "OGRS3Error",
    "OGRS3Result",
    "Rule",
    "Term",
    "age_band",
    "band",
    "formula",
    "parse_iso_date",
    "percent",
    "rule",
    "score",
    "whole_years",
    # loaded on first use:
    "BatchResult",
    "encode_category",
    "encode_sex",
    "score_batch",
    "INPUT_COLUMNS",
    "OUTPUT_COLUMNS",
    "CommandError",
    "main",
    "score_csv",
]


if not TYPE_CHECKING:  # (hidden from the type checker, so that a misspelt name is still caught)

    def __getattr__(name: str) -> object:
        """The batch and command names, imported (with numpy) the first time one is asked for."""
        module = _LATER.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value
