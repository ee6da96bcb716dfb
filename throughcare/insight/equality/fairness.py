"""The instruments' validation and fairness on the service's own outcomes (issue 16 point 4):
the validation report's statistics (`insight.validation`: AUC with DeLong's interval, error
rates at a threshold, calibration) run on the OGRS3 two-year scores stored with the people's
assessments against a new proven offence within two years of release, for everyone whose
outcome is known and for each group of each characteristic. A group of fewer than 30 such
people (and a group hidden to protect it, `insight.groups`) is too small to judge: no figures.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from throughcare.assessment.instruments.ogrs3.coefficients import BANDS
from throughcare.insight import groups, measures
from throughcare.insight.cohort import CHARACTERISTICS, Member

if TYPE_CHECKING:
    from throughcare.insight import validation

# `insight.validation` (and with it scipy, a second to import) and `validation_html` (and with
# it matplotlib) are imported where the figures are worked out, not when the URLs are loaded.

OUTCOME = "reoffended_two_years"
OUTCOME_WORDS = "proven to have reoffended within two years of release"
SCORE_WORDS = "the OGRS3 two-year score"
# Flagged: an OGRS3 band of Medium or above. The band is read from the score as a whole
# percentage rounded half up (`ogrs3.case.band`), so Medium starts at 49.5%.
FLAG_BAND, FLAG_PERCENT = BANDS[1]
THRESHOLD = (FLAG_PERCENT - 0.5) / 100
THRESHOLD_WORDS = (
    f"an OGRS3 band of {FLAG_BAND} or above (a two-year score of {FLAG_PERCENT}% or more)"
)
THRESHOLD_WHY = (
    f"{FLAG_BAND} is the lowest band in which the score says a proven reoffence within two "
    "years is at least as likely as not, so it is where the score, read as a yes or no, "
    "predicts reoffending. It is the bands' own boundary (the Ministry of Justice's bands: "
    "Low 0-49%, Medium 50-74%, High 75-89%, Very high 90% and over), not one chosen to make "
    "the figures look better or worse."
)
# The figures shown and exported for a group: no counts of true and false positives, no ROC
# points and no calibration rows, which could narrow a group down to a few people.
SHOWN = (
    "n",
    "base_rate",
    "expected_rate",
    "auc",
    "auc_ci",
    "fpr",
    "fnr",
    "ppv",
    "npv",
    "selection_rate",
    "calibration_slope",
    "calibration_intercept",
)


@dataclass(frozen=True)
class Judged:
    """One group's figures (`validation.evaluate`, as far as `SHOWN`), or None with the note
    saying why not."""

    label: str
    figures: dict[str, Any] | None
    note: str = ""


@dataclass(frozen=True)
class Breakdown:
    key: str
    heading: str
    groups: tuple[Judged, ...]
    points: tuple[str, ...]  # plain sentences comparing the groups (escaped HTML)


@dataclass(frozen=True)
class Report:
    released: int
    everyone: Judged
    breakdowns: tuple[Breakdown, ...]


def scored(members: Sequence[Member]) -> list[Member]:
    """The people with an OGRS3 two-year score whose two-year outcome is known."""
    return [m for m in members if m.ogrs3_two_year is not None and m.outcomes[OUTCOME] is not None]


def _arrays(members: Sequence[Member]) -> tuple[np.ndarray, np.ndarray]:
    score = np.array([float(m.ogrs3_two_year or 0.0) for m in members], dtype=np.float64)
    outcome = np.array([1.0 if m.outcomes[OUTCOME] else 0.0 for m in members], dtype=np.float64)
    return score, outcome


def _judge(group: groups.Group, bins: validation.Bins) -> Judged:
    from throughcare.insight import validation

    if group.hidden:
        return Judged(group.label, None, group.note)
    score, outcome = _arrays(group.members)
    found = validation.evaluate(score, outcome, threshold=THRESHOLD, probability=True, bins=bins)
    return Judged(group.label, {key: found[key] for key in SHOWN} | {"events": found["events"]})


def report(members: Sequence[Member]) -> Report:
    from throughcare.insight import validation
    from throughcare.insight.validation_html import auc_comparison

    people = scored(members)
    score, _ = _arrays(people)
    bins = validation.Bins.choose(score, probability=True)
    everyone = _judge(groups.everyone(people), bins)
    breakdowns = []
    for key, heading in CHARACTERISTICS:
        judged = tuple(_judge(group, bins) for group in groups.breakdown(people, key))
        shown = [(j.label, j.figures) for j in judged if j.figures is not None]
        points = auc_comparison(heading.lower(), shown) if not everyone.note else []
        breakdowns.append(Breakdown(key, heading, judged, tuple(points)))
    return Report(len(members), everyone, tuple(breakdowns))


# --- as text -----------------------------------------------------------------------------------
def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


COLUMNS = (
    "People",
    "Reoffended within two years",
    "Predicted on average (OGRS3)",
    "AUC",
    "AUC 95% range",
    "Wrongly flagged (false-positive rate)",
    "Missed (false-negative rate)",
    "Flagged who reoffended",
)


def cells(judged: Judged) -> list[str]:
    """The row of the page's table after the group's name."""
    f = judged.figures
    if f is None:
        return [judged.note]
    ci = f["auc_ci"]
    return [
        f"{f['n']:,}",
        pct(f["base_rate"]),
        pct(f["expected_rate"]),
        num(f["auc"]),
        "–" if ci is None else f"{num(ci[0])} to {num(ci[1])}",
        pct(f["fpr"]),
        pct(f["fnr"]),
        pct(f["ppv"]),
    ]


CSV_HEAD = [
    "Breakdown",
    "Group",
    "People",
    "Reoffended within two years",
    "Predicted on average",
    "AUC",
    "AUC 95% low",
    "AUC 95% high",
    "False-positive rate",
    "False-negative rate",
    "Positive predictive value",
    "Negative predictive value",
    "Flagged",
    "Calibration slope",
    "Calibration intercept",
    "Note",
]


def _n(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def csv_rows(found: Report) -> Iterator[list[str]]:
    yield CSV_HEAD
    items = [("Everyone", found.everyone)] + [
        (b.heading, j) for b in found.breakdowns for j in b.groups
    ]
    for heading, judged in items:
        f = judged.figures
        if f is None:
            yield [heading, judged.label, *([""] * (len(CSV_HEAD) - 3)), judged.note]
            continue
        ci = f["auc_ci"] or [None, None]
        yield [
            heading,
            judged.label,
            str(f["n"]),
            *(
                _n(v)
                for v in (
                    f["base_rate"],
                    f["expected_rate"],
                    f["auc"],
                    ci[0],
                    ci[1],
                    f["fpr"],
                    f["fnr"],
                    f["ppv"],
                    f["npv"],
                    f["selection_rate"],
                    f["calibration_slope"],
                    f["calibration_intercept"],
                )
            ),
            "",
        ]


def as_json(found: Report) -> dict[str, Any]:
    """The report for the analysts' command: the same figures and suppression as the page."""
    from throughcare.insight import validation

    def one(judged: Judged) -> dict[str, Any]:
        if judged.figures is None:
            return {"shown": False, "note": judged.note}
        return {"shown": True, **judged.figures}

    return {
        "score": SCORE_WORDS,
        "outcome": OUTCOME_WORDS,
        "threshold": THRESHOLD,
        "threshold_words": THRESHOLD_WORDS,
        "threshold_why": THRESHOLD_WHY,
        "auc_ci_method": "DeLong (95%, normal approximation, clipped to 0-1)",
        "min_group_size": measures.SMALL_GROUP,
        "min_each_outcome": validation.MIN_EACH_OUTCOME,
        "everyone": one(found.everyone),
        "groups": {b.heading: {j.label: one(j) for j in b.groups} for b in found.breakdowns},
        "short_answer": [html.unescape(point) for b in found.breakdowns for point in b.points],
    }
