"""Validation and fairness report for a risk score against a known outcome.

    python -m throughcare.insight.validation --input FILE.csv --score COLUMN --outcome COLUMN
        [--group COLUMN ...] [--threshold T] [--cohort propublica] [--where "COLUMN>=VALUE" ...]
        --json report.json [--html report.html]

For everyone (after any filter) and for each value of each group column it reports:

* ``n``, ``base_rate`` (share with outcome 1);
* ``auc`` (area under the ROC curve, the Mann-Whitney statistic with ties counted half, the same
  as scikit-learn's ``roc_auc_score``) with a 95% confidence interval by **DeLong's method**
  (DeLong, DeLong and Clarke-Pearson 1988, in the fast form of Sun and Xu 2014): AUC +/- 1.96
  standard errors, clipped to [0, 1]. ``auc_ci_method`` says so in the JSON;
* at the threshold (score >= T is a positive prediction): ``fpr``, ``fnr``, ``ppv``, ``npv``,
  ``selection_rate``, ``accuracy`` and the four counts; ``null`` when no threshold is given or a
  share has no denominator;
* ``calibration``: per score value (20 or fewer distinct values) or per score band (tenths for a
  probability, otherwise deciles of the whole file's scores; groups use the same bands), the
  number of people and the observed rate; for a probability score also the expected rate, and
  ``calibration_slope`` (logistic regression of the outcome on the logit of the score; 1 is
  ideal) and ``calibration_intercept`` (calibration-in-the-large: the same with the slope fixed
  at 1; 0 is ideal);
* ``too_small_to_judge``: fewer than 30 people. Such groups are reported but not judged.

The HTML's short answer compares the AUC only of groups large enough to judge (``comparable``:
at least 30 people, and at least ``min_each_outcome`` (10) with the outcome and as many without
it, so that DeLong's interval can be trusted), and says whether their 95% intervals overlap.

Filters: ``--cohort propublica`` applies ProPublica's standard Broward cohort filter
(``days_b_screening_arrest`` between -30 and 30, ``is_recid`` not -1, ``c_charge_degree`` not O,
``score_text`` not N/A); ``--where`` adds conditions ``COLUMN OP VALUE`` with OP one of
``== != >= <= > <`` (numeric when VALUE is a number). A row with a blank cell in a filter column
is left out, as R's ``filter`` leaves out missing values in ProPublica's analysis.

Bad input (a missing column, a score that is not a number, an outcome other than 0 or 1, an
empty file) stops the command with a message naming the line or column and exit status 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import operator
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]
MIN_GROUP_SIZE: Final = 30
# A group's AUC is compared with others' only with at least this many people with each outcome:
# with fewer, DeLong's interval (a normal approximation) is not to be trusted.
MIN_EACH_OUTCOME: Final = 10
MAX_DISTINCT_FOR_VALUES: Final = 20
Z_95: Final = float(stats.norm.ppf(0.975))
BLANK_GROUP: Final = "(blank)"


class ReportInputError(Exception):
    """The input cannot be reported on; the message names the line or column."""


# ---------------------------------------------------------------------------------------------
# Reading and filtering
# ---------------------------------------------------------------------------------------------
_OPS: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "==": operator.eq,
    "=": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}
_CONDITION = re.compile(r"^\s*([^<>=!]+?)\s*(==|!=|>=|<=|=|>|<)\s*(.*?)\s*$")


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class Condition:
    """``column op value``; numeric when the value is a number, else text (== and != only)."""

    column: str
    op: str
    value: str

    @classmethod
    def parse(cls, text: str) -> Condition:
        match = _CONDITION.match(text)
        if not match or not match.group(3):
            raise ReportInputError(
                f"cannot read the condition {text!r}: write it as "
                "COLUMN OP VALUE, e.g. 'days_b_screening_arrest>=-30'"
            )
        condition = cls(*match.groups())
        if _number(condition.value) is None and condition.op not in ("==", "=", "!="):
            raise ReportInputError(
                f"the condition {text!r} compares with {condition.value!r}, which is not a number"
            )
        return condition

    def __str__(self) -> str:
        return f"{self.column} {'==' if self.op == '=' else self.op} {self.value}"

    def test(self, cell: str, line: int) -> bool:
        cell = cell.strip()
        if not cell:
            return False
        wanted = _number(self.value)
        if wanted is None:
            return _OPS[self.op](cell, self.value)
        got = _number(cell)
        if got is None:
            raise ReportInputError(
                f"line {line}, column {self.column!r}: {cell!r} is not a "
                f"number, so the filter '{self}' cannot be applied"
            )
        return _OPS[self.op](got, wanted)


#: Named filters for --cohort.
COHORTS: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "propublica": (
        "ProPublica's standard Broward cohort (Machine Bias, 2016)",
        (
            "days_b_screening_arrest>=-30",
            "days_b_screening_arrest<=30",
            "is_recid!=-1",
            "c_charge_degree!=O",
            "score_text!=N/A",
        ),
    ),
}


@dataclass
class Table:
    """The rows kept after filtering, as text, with their line numbers in the file."""

    path: str
    columns: list[str]
    rows: list[list[str]]
    lines: list[int]
    rows_read: int
    conditions: list[Condition] = field(default_factory=list)

    def column(self, name: str) -> list[str]:
        if name not in self.columns:
            raise ReportInputError(
                f"{self.path} has no column named {name!r} (its columns: "
                + ", ".join(self.columns)
                + ")"
            )
        i = self.columns.index(name)
        return [row[i].strip() for row in self.rows]


def read_table(path: str | Path, conditions: Sequence[Condition] = ()) -> Table:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None or not any(h.strip() for h in header):
                raise ReportInputError(f"{path} is empty: it needs a header row and data rows")
            columns = [h.strip() for h in header]
            for c in conditions:
                if c.column not in columns:
                    raise ReportInputError(
                        f"the filter '{c}' names the column {c.column!r}, "
                        f"which {path} does not have"
                    )
            where = [(c, columns.index(c.column)) for c in conditions]
            rows: list[list[str]] = []
            lines: list[int] = []
            read = 0
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue  # blank line
                read += 1
                if len(row) != len(columns):
                    raise ReportInputError(
                        f"line {reader.line_num} of {path} has {len(row)} "
                        f"values but the header has {len(columns)} columns"
                    )
                if all(c.test(row[i], reader.line_num) for c, i in where):
                    rows.append(row)
                    lines.append(reader.line_num)
    except OSError as exc:
        raise ReportInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ReportInputError(f"{path} is not a readable UTF-8 CSV file: {exc}") from exc
    if read == 0:
        raise ReportInputError(f"{path} has a header but no data rows")
    if not rows:
        raise ReportInputError(
            f"no rows of {path} are left after the filter: " + "; ".join(str(c) for c in conditions)
        )
    return Table(str(path), columns, rows, lines, read, list(conditions))


def scores_and_outcomes(table: Table, score: str, outcome: str) -> tuple[FloatArray, FloatArray]:
    score_text = table.column(score)
    outcome_text = table.column(outcome)
    s = np.empty(len(score_text))
    y = np.empty(len(outcome_text))
    for k, (a, b, line) in enumerate(zip(score_text, outcome_text, table.lines, strict=True)):
        value = _number(a)
        if value is None:
            raise ReportInputError(
                f"line {line}, column {score!r}: the score {a!r} is not a number"
            )
        s[k] = value
        flag = _number(b)
        if flag not in (0.0, 1.0):
            raise ReportInputError(
                f"line {line}, column {outcome!r}: the outcome must be 0 or 1, not {b!r}"
            )
        y[k] = flag
    return s, y


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------
def auc_delong(score: FloatArray, outcome: FloatArray) -> tuple[float, float] | None:
    """AUC and its DeLong standard error (``nan`` with fewer than two of either class);
    ``None`` when one class is absent."""
    pos = score[outcome == 1]
    neg = score[outcome == 0]
    m, n = len(pos), len(neg)
    if m == 0 or n == 0:
        return None
    ranks = stats.rankdata(np.concatenate([pos, neg]))  # midranks: ties count half
    auc = float((ranks[:m].sum() - m * (m + 1) / 2) / (m * n))
    if m < 2 or n < 2:
        return auc, math.nan
    v10 = (ranks[:m] - stats.rankdata(pos)) / n  # share of negatives below each positive
    v01 = 1.0 - (ranks[m:] - stats.rankdata(neg)) / m  # share of positives above each negative
    se = math.sqrt(float(np.var(v10, ddof=1)) / m + float(np.var(v01, ddof=1)) / n)
    return auc, se


def roc_curve(
    score: FloatArray, outcome: FloatArray, max_points: int = 201
) -> dict[str, list[float | None]] | None:
    """The ROC curve: false- and true-positive rates with each distinct score as the threshold
    (score >= threshold), from (0, 0) to (1, 1); thinned evenly to ``max_points`` for charts.
    ``None`` when one class is absent."""
    pos = float(outcome.sum())
    neg = float(len(outcome) - pos)
    if pos == 0 or neg == 0:
        return None
    order = np.argsort(-score, kind="stable")
    s, y = score[order], outcome[order]
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]  # last index of each distinct score
    tp = np.cumsum(y)[last]
    fp = (last + 1) - tp
    fpr, tpr = np.r_[0.0, fp / neg], np.r_[0.0, tp / pos]
    cut: list[float | None] = [None, *s[last].tolist()]
    keep = np.unique(np.linspace(0, len(fpr) - 1, min(max_points, len(fpr))).round()).astype(int)
    return {
        "fpr": fpr[keep].tolist(),
        "tpr": tpr[keep].tolist(),
        "threshold": [cut[k] for k in keep.tolist()],
    }


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def at_threshold(score: FloatArray, outcome: FloatArray, threshold: float | None) -> dict[str, Any]:
    keys = ("fpr", "fnr", "ppv", "npv", "selection_rate", "accuracy")
    if threshold is None:
        return {**dict.fromkeys(keys), "counts": None}
    flagged = score >= threshold
    tp = int(np.sum(flagged & (outcome == 1)))
    fp = int(np.sum(flagged & (outcome == 0)))
    fn = int(np.sum(~flagged & (outcome == 1)))
    tn = int(np.sum(~flagged & (outcome == 0)))
    n = tp + fp + fn + tn
    return {
        "fpr": _share(fp, fp + tn),
        "fnr": _share(fn, fn + tp),
        "ppv": _share(tp, tp + fp),
        "npv": _share(tn, tn + fn),
        "selection_rate": _share(tp + fp, n),
        "accuracy": _share(tp + tn, n),
        "counts": {
            "true_positive": tp,
            "false_positive": fp,
            "false_negative": fn,
            "true_negative": tn,
        },
    }


def _logit(p: FloatArray) -> FloatArray:
    q = np.clip(p, 1e-9, 1 - 1e-9)
    return np.asarray(np.log(q / (1 - q)), dtype=np.float64)


def _logistic_fit(x: FloatArray | None, y: FloatArray, offset: FloatArray) -> FloatArray | None:
    """Maximum-likelihood logistic regression (Newton's method) of y on [1, x] + offset."""
    design = np.ones((len(y), 1)) if x is None else np.column_stack([np.ones(len(y)), x])
    beta = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(design @ beta + offset)))
        w = p * (1 - p)
        hessian = design.T @ (design * w[:, None])
        try:
            step = np.linalg.solve(hessian, design.T @ (y - p))
        except np.linalg.LinAlgError:
            return None
        beta = beta + step
        if not np.all(np.isfinite(beta)):
            return None
        if np.max(np.abs(step)) < 1e-10:
            return beta
    return None


@dataclass(frozen=True)
class Bins:
    """How scores are grouped for calibration: each value, or bands with edges."""

    values: tuple[float, ...] | None
    edges: tuple[float, ...] | None

    @classmethod
    def choose(cls, score: FloatArray, probability: bool) -> Bins:
        distinct = np.unique(score)
        if len(distinct) <= MAX_DISTINCT_FOR_VALUES:
            return cls(tuple(float(v) for v in distinct), None)
        if probability:
            return cls(None, tuple(float(e) for e in np.linspace(0.0, 1.0, 11)))
        edges = np.unique(np.quantile(score, np.linspace(0, 1, 11)))
        return cls(None, tuple(float(e) for e in edges))

    def rows(
        self, score: FloatArray, outcome: FloatArray, probability: bool
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if self.values is not None:
            pieces = [(_fmt(v), v, v, score == v) for v in self.values]
        else:
            assert self.edges is not None  # noqa: S101
            e = self.edges
            pieces = []
            for k in range(len(e) - 1):
                last = k == len(e) - 2
                inside = (score >= e[k]) & ((score <= e[k + 1]) if last else (score < e[k + 1]))
                label = f"{_fmt(e[k])} to {'' if last else 'under '}{_fmt(e[k + 1])}"
                pieces.append((label, e[k], e[k + 1], inside))
        for label, lower, upper, inside in pieces:
            n = int(inside.sum())
            events = int(outcome[inside].sum())
            row: dict[str, Any] = {
                "score": label,
                "lower": lower,
                "upper": upper,
                "n": n,
                "events": events,
                "observed_rate": _share(events, n),
            }
            if probability:
                row["expected_rate"] = float(score[inside].mean()) if n else None
            out.append(row)
        return out


def _fmt(value: float) -> str:
    return f"{value:g}"


def evaluate(
    score: FloatArray,
    outcome: FloatArray,
    *,
    threshold: float | None,
    probability: bool,
    bins: Bins,
) -> dict[str, Any]:
    """Every figure for one set of people."""
    n = len(score)
    events = int(outcome.sum())
    result: dict[str, Any] = {"n": n, "events": events, "base_rate": _share(events, n)}
    fitted = auc_delong(score, outcome)
    if fitted is None:
        result.update(auc=None, auc_se=None, auc_ci=None)
    else:
        auc, se = fitted
        ci = None if math.isnan(se) else [max(0.0, auc - Z_95 * se), min(1.0, auc + Z_95 * se)]
        result.update(auc=auc, auc_se=None if math.isnan(se) else se, auc_ci=ci)
    result["roc"] = roc_curve(score, outcome)
    result["threshold"] = threshold
    result.update(at_threshold(score, outcome, threshold))
    result["calibration"] = bins.rows(score, outcome, probability)
    slope = intercept = expected = None
    if probability and 0 < events < n:
        expected = float(score.mean())
        lp = _logit(score)
        fit = _logistic_fit(lp, outcome, np.zeros(n))
        slope = None if fit is None else float(fit[1])
        large = _logistic_fit(None, outcome, lp)
        intercept = None if large is None else float(large[0])
    result.update(expected_rate=expected, calibration_slope=slope, calibration_intercept=intercept)
    result["too_small_to_judge"] = n < MIN_GROUP_SIZE
    return result


def comparable(figures: dict[str, Any]) -> bool:
    """Whether a group's figures (`evaluate`) are large enough to compare with another's: at
    least `MIN_GROUP_SIZE` people, at least `MIN_EACH_OUTCOME` with the outcome and as many
    without it, and so an AUC with a DeLong interval."""
    n, events = figures["n"], figures["events"]
    return (
        n >= MIN_GROUP_SIZE
        and events >= MIN_EACH_OUTCOME
        and n - events >= MIN_EACH_OUTCOME
        and figures["auc_ci"] is not None
    )


def overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    """Whether two intervals [low, high] share any point."""
    return a[0] <= b[1] and b[0] <= a[1]


def build_report(
    table: Table,
    *,
    score: str,
    outcome: str,
    groups: Sequence[str] = (),
    threshold: float | None = None,
    kind: str = "auto",
    cohort: str | None = None,
) -> dict[str, Any]:
    """The report as a JSON-ready dict (see the module docstring for the keys)."""
    s, y = scores_and_outcomes(table, score, outcome)
    group_values = {g: table.column(g) for g in groups}
    probability = kind == "probability" or (kind == "auto" and s.min() >= 0 and s.max() <= 1)
    bins = Bins.choose(s, probability)
    report: dict[str, Any] = {
        "score": score,
        "outcome": outcome,
        "score_kind": "probability" if probability else "ordinal",
        "auc_ci_method": "DeLong (95%, normal approximation, clipped to 0-1)",
        "min_group_size": MIN_GROUP_SIZE,
        "min_each_outcome": MIN_EACH_OUTCOME,
        "input": {
            "file": table.path,
            "rows_read": table.rows_read,
            "rows_used": len(table.rows),
            "cohort": cohort,
            "filter": [str(c) for c in table.conditions],
        },
    }
    report.update(evaluate(s, y, threshold=threshold, probability=probability, bins=bins))
    report["groups"] = {}
    for g, values in group_values.items():
        labels = np.array([v or BLANK_GROUP for v in values], dtype=object)
        uniques, counts = np.unique(labels, return_counts=True)
        order = sorted(
            zip(uniques.tolist(), counts.tolist(), strict=True),
            key=lambda item: (-item[1], item[0]),
        )
        report["groups"][g] = {
            str(value): evaluate(
                s[labels == value],
                y[labels == value],
                threshold=threshold,
                probability=probability,
                bins=bins,
            )
            for value, _ in order
        }
    return report


def _clean(value: Any) -> Any:
    """JSON has no NaN: any that slipped through become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def write_json(report: dict[str, Any], path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(
        json.dumps(_clean(report), indent=2, allow_nan=False) + "\n", encoding="utf-8"
    )


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m throughcare.insight.validation",
        description="How well does a score separate people with and without an outcome, and "
        "does it err differently for different groups? Writes a JSON report and, optionally, "
        "a self-contained HTML page.",
    )
    parser.add_argument("--input", required=True, help="CSV file, one row per person")
    parser.add_argument("--score", required=True, help="column holding the score")
    parser.add_argument("--outcome", required=True, help="column holding the outcome (0 or 1)")
    parser.add_argument(
        "--group",
        action="extend",
        nargs="+",
        default=[],
        metavar="COLUMN",
        help="column(s) to report separately by value, e.g. race sex",
    )
    parser.add_argument(
        "--threshold", type=float, help="a score of at least this counts as a positive prediction"
    )
    parser.add_argument(
        "--cohort",
        choices=sorted(COHORTS),
        help="a named filter: propublica = ProPublica's standard Broward cohort",
    )
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="CONDITION",
        help="keep rows where COLUMN OP VALUE holds (OP: == != >= <= > <); "
        "repeat to add conditions",
    )
    parser.add_argument(
        "--score-kind",
        choices=("auto", "probability", "ordinal"),
        default="auto",
        help="auto: a probability if every score is in 0-1",
    )
    parser.add_argument("--json", required=True, help="where to write the JSON report")
    parser.add_argument("--html", help="where to write the HTML report")
    parser.add_argument("--title", help="title of the HTML report")
    parser.add_argument("--score-label", help="plain-English name of the score, for the HTML")
    parser.add_argument(
        "--outcome-label",
        help="plain-English description of outcome 1, e.g. 're-arrested within "
        "two years', for the HTML",
    )
    parser.add_argument(
        "--note",
        action="append",
        default=[],
        help="a paragraph about the data for the HTML (repeatable)",
    )
    args = parser.parse_args(argv)
    try:
        texts = list(COHORTS[args.cohort][1]) if args.cohort else []
        conditions = [Condition.parse(t) for t in texts + args.where]
        table = read_table(args.input, conditions)
        report = build_report(
            table,
            score=args.score,
            outcome=args.outcome,
            groups=args.group,
            threshold=args.threshold,
            kind=args.score_kind,
            cohort=COHORTS[args.cohort][0] if args.cohort else None,
        )
        write_json(report, args.json)
        if args.html:
            from throughcare.insight.validation_html import write_html

            write_html(
                report,
                args.html,
                title=args.title,
                score_label=args.score_label,
                outcome_label=args.outcome_label,
                notes=args.note,
            )
    except ReportInputError as exc:
        print(f"validation: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"validation: error: cannot write the report: {exc}", file=sys.stderr)
        return 1
    print(
        f"validation: {report['n']:,} people; AUC {report['auc']:.3f}"
        if report["auc"] is not None
        else f"validation: {report['n']:,} people",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
