"""The validation report as one self-contained, accessible HTML page, in plain English.

Charts are drawn by matplotlib on the Agg canvas (no display, no pyplot state) and embedded as
base64 PNG images, each with alt text that states what it shows; every figure in a chart is also
in a table, so nothing depends on seeing the chart.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any, Final

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .validation import MIN_EACH_OUTCOME, MIN_GROUP_SIZE, comparable, overlap

matplotlib.use("Agg")  # never a display: the report is written by the tool itself

GROUP_COLOUR: Final = "#0b4f8a"  # dark blue
OVERALL_COLOUR: Final = "#6f777b"  # grey, 4.6:1 on white
MARK_COLOUR: Final = "#b33a00"  # dark orange, for the threshold point
INK: Final = "#1b1b1b"
COLUMNS_PER_ROW: Final = 3

STYLE: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1b1b; background: #fff; line-height: 1.5; margin: 0; font-size: 1.05rem; }
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.75rem; padding-top: 0.75rem;
  border-top: 3px solid #0b4f8a; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
p, li, dd { max-width: 48rem; }
.lead { font-size: 1.2rem; }
.muted { color: #505a5f; }
dl.terms dt { font-weight: 700; margin-top: 0.75rem; }
dl.terms dd { margin-left: 0; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1.5rem; }
table { border-collapse: collapse; font-size: 0.95rem; min-width: 50%; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0 0.5rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.75rem 0.4rem 0; text-align: right;
  vertical-align: top; }
th[scope="row"], td.text, th.text { text-align: left; }
td { white-space: nowrap; }
thead th { border-bottom: 2px solid #1b1b1b; vertical-align: bottom; }
.tag { display: inline-block; background: #fff7bf; color: #1b1b1b; border: 1px solid #594d00;
  padding: 0 0.35rem; font-size: 0.85rem; font-weight: 700; white-space: nowrap; }
figure { margin: 1rem 0 1.5rem; }
figure img { max-width: 100%; height: auto; border: 1px solid #b1b4b6; }
figcaption { color: #505a5f; font-size: 0.95rem; margin-top: 0.4rem; max-width: 48rem; }
.summary { background: #f3f2f1; padding: 0.75rem 1.25rem; border-left: 5px solid #0b4f8a; }
.summary li { margin: 0.4rem 0; }
:focus { outline: 3px solid #ffbf47; }
"""


# ---------------------------------------------------------------------------------------------
# Numbers in words
# ---------------------------------------------------------------------------------------------
def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def num(value: float | None, places: int = 3) -> str:
    return "–" if value is None else f"{value:.{places}f}"


def whole(value: int) -> str:
    return f"{value:,}"


def ci_text(fig: dict[str, Any]) -> str:
    ci = fig["auc_ci"]
    return "–" if ci is None else f"{num(ci[0])} to {num(ci[1])}"


def threshold_text(report: dict[str, Any]) -> str:
    t = report["threshold"]
    return "" if t is None else f"{t:g}"


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------
def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(panels: int) -> tuple[Figure, list[Axes]]:
    cols = min(COLUMNS_PER_ROW, panels)
    rows = math.ceil(panels / cols)
    fig = Figure(figsize=(3.9 * cols, 3.7 * rows + 0.2), dpi=110, layout="constrained")
    grid = fig.subplots(rows, cols, squeeze=False)
    axes = [ax for row in grid for ax in row]
    for ax in axes[panels:]:
        ax.set_visible(False)
    for ax in axes[:panels]:
        ax.tick_params(labelsize=10, colors=INK)
        ax.grid(True, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
    return fig, axes[:panels]


def _panel_title(name: str, fig: dict[str, Any]) -> str:
    title = f"{name} ({whole(fig['n'])} people)"
    if fig["too_small_to_judge"]:
        title += "\ntoo few to judge"
    elif fig["auc"] is not None:
        title += f"\nAUC {fig['auc']:.3f}"
    return title


def roc_chart(
    panels: Sequence[tuple[str, dict[str, Any]]], overall: dict[str, Any], threshold: float | None
) -> str:
    fig, axes = _figure(len(panels))
    for ax, (name, data) in zip(axes, panels, strict=True):
        ax.plot([0, 1], [0, 1], linestyle=":", color=OVERALL_COLOUR, linewidth=1)
        if overall is not data and overall["roc"]:
            ax.plot(
                overall["roc"]["fpr"],
                overall["roc"]["tpr"],
                color=OVERALL_COLOUR,
                linewidth=1.5,
                label="everyone",
            )
        if data["roc"]:
            ax.plot(
                data["roc"]["fpr"],
                data["roc"]["tpr"],
                color=GROUP_COLOUR,
                linewidth=2.2,
                linestyle="--" if data["too_small_to_judge"] else "-",
                label=name,
            )
        if threshold is not None and data["fpr"] is not None and data["fnr"] is not None:
            ax.plot(
                [data["fpr"]],
                [1 - data["fnr"]],
                marker="o",
                markersize=7,
                color=MARK_COLOUR,
                linestyle="none",
                label=f"score {threshold:g} or more",
            )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel("wrongly flagged (false-positive rate)", fontsize=10, color=INK)
        ax.set_ylabel("correctly flagged (true-positive rate)", fontsize=10, color=INK)
        ax.set_title(_panel_title(name, data), fontsize=11, color=INK)
        ax.legend(loc="lower right", fontsize=8.5, frameon=False)
    return _png(fig)


def calibration_chart(
    panels: Sequence[tuple[str, dict[str, Any]]],
    overall: dict[str, Any],
    probability: bool,
    outcome_words: str,
) -> str:
    fig, axes = _figure(len(panels))
    labels = [row["score"] for row in overall["calibration"]]
    for ax, (name, data) in zip(axes, panels, strict=True):
        rows = data["calibration"]
        if probability:
            ax.plot(
                [0, 100],
                [0, 100],
                linestyle=":",
                color=OVERALL_COLOUR,
                linewidth=1,
                label="perfect agreement",
            )
            lines = [(data, GROUP_COLOUR, 2.2, name)]
            if overall is not data:
                lines.insert(0, (overall, OVERALL_COLOUR, 1.5, "everyone"))
            for series, colour, width, label in lines:
                pts = [
                    (100 * r["expected_rate"], 100 * r["observed_rate"])
                    for r in series["calibration"]
                    if r["n"]
                ]
                ax.plot(
                    [p[0] for p in pts],
                    [p[1] for p in pts],
                    marker="o",
                    color=colour,
                    linewidth=width,
                    markersize=4,
                    label=label,
                )
            ax.set_xlim(0, 100)
            ax.set_xlabel("predicted (%)", fontsize=10, color=INK)
        else:
            x = list(range(len(labels)))
            if overall is not data:
                ax.plot(
                    x,
                    [_rate(r) for r in overall["calibration"]],
                    marker="o",
                    color=OVERALL_COLOUR,
                    linewidth=1.5,
                    markersize=4,
                    label="everyone",
                )
            ax.plot(
                x,
                [_rate(r) for r in rows],
                marker="o",
                color=GROUP_COLOUR,
                linewidth=2.2,
                markersize=5,
                linestyle="--" if data["too_small_to_judge"] else "-",
                label=name,
            )
            ax.set_xticks(
                x,
                labels,
                fontsize=9 if len(labels) <= 10 else 7,
                rotation=0 if max(len(str(v)) for v in labels) <= 3 else 45,
            )
            ax.set_xlabel("score", fontsize=10, color=INK)
        ax.set_ylim(0, 100)
        ax.set_ylabel(f"{outcome_words} (%)", fontsize=10, color=INK)
        title = f"{name} ({whole(data['n'])} people)"
        ax.set_title(
            title + ("\ntoo few to judge" if data["too_small_to_judge"] else ""),
            fontsize=11,
            color=INK,
        )
        ax.legend(loc="upper left", fontsize=8.5, frameon=False)
    return _png(fig)


def _rate(row: dict[str, Any]) -> float:
    return math.nan if row["observed_rate"] is None else 100 * row["observed_rate"]


# ---------------------------------------------------------------------------------------------
# Tables and text
# ---------------------------------------------------------------------------------------------
def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], label: str) -> str:
    """Rows' first cell is a row header. Cells are already escaped HTML."""
    out = [
        f'<div class="table-wrap" role="region" aria-label="{escape(label)}" tabindex="0">',
        f"<table><caption>{caption}</caption><thead><tr>",
    ]
    first = ' class="text"'
    out += [f'<th scope="col"{first if i == 0 else ""}>{h}</th>' for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append(
            f'<tr><th scope="row">{row[0]}</th>'
            + "".join(f"<td>{c}</td>" for c in row[1:])
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _too_small() -> str:
    return '<span class="tag">Too few to judge</span>'


def measures_table(report: dict[str, Any], column: str | None) -> str:
    threshold = threshold_text(report)
    head = ["Group", "People", "Base rate", "AUC", "AUC 95% range"]
    if report["threshold"] is not None:
        head += [
            "Wrongly flagged (FPR)",
            "Missed (FNR)",
            "Flagged who had the outcome (PPV)",
            "Not flagged who did not (NPV)",
            f"Flagged (score {threshold} or more)",
        ]
    head.append("Enough people?")
    items = [("Everyone", report)] if column is None else list(report["groups"][column].items())
    rows = []
    for name, fig in items:
        row = [escape(name), whole(fig["n"]), pct(fig["base_rate"]), num(fig["auc"]), ci_text(fig)]
        if report["threshold"] is not None:
            row += [
                pct(fig["fpr"]),
                pct(fig["fnr"]),
                pct(fig["ppv"]),
                pct(fig["npv"]),
                pct(fig["selection_rate"]),
            ]
        row.append(_too_small() if fig["too_small_to_judge"] else "Yes")
        rows.append(row)
    what = "everyone" if column is None else f"each {escape(column)} group"
    caption = f"Main figures for {what}"
    if report["threshold"] is not None:
        caption += f", with a score of {threshold} or more counted as flagged"
    return _table(caption, head, rows, caption)


def calibration_table(report: dict[str, Any], column: str, outcome_words: str) -> str:
    groups = list(report["groups"][column].items())
    probability = report["score_kind"] == "probability"
    head = ["Score", "Everyone"] + [escape(name) for name, _ in groups]
    rows = []
    for i, base in enumerate(report["calibration"]):
        label = escape(str(base["score"]))
        if probability and base["expected_rate"] is not None:
            label += f'<br><span class="muted">predicted {pct(base["expected_rate"])}</span>'
        cells = [label, _cell(base)]
        cells += [_cell(fig["calibration"][i]) for _, fig in groups]
        rows.append(cells)
    caption = (
        f"Share {escape(outcome_words)} at each score, by {escape(column)} "
        "(number of people in brackets)"
    )
    return _table(caption, head, rows, caption)


def _cell(row: dict[str, Any]) -> str:
    return f"{pct(row['observed_rate'])} ({whole(row['n'])})"


Item = tuple[str, dict[str, Any]]


def _who(item: Item) -> str:
    return f"{escape(item[0])} ({whole(item[1]['n'])} people)"


def _names(items: Sequence[Item]) -> str:
    names = [escape(name) for name, _ in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def comparison_rule(min_group_size: int = MIN_GROUP_SIZE) -> str:
    return (
        f"at least {min_group_size} people, of whom at least {MIN_EACH_OUTCOME} had the "
        f"outcome and {MIN_EACH_OUTCOME} did not"
    )


def auc_comparison(column: str, groups: Sequence[Item], *, name_left_out: bool = True) -> list[str]:
    """Plain sentences comparing the AUC of the groups of one breakdown, `column` in words:
    only the groups large enough to judge (`validation.comparable`) are compared, from the
    lowest AUC to the highest with their 95% ranges, and whether the ranges overlap. Groups
    left out are named without their numbers (so that the sentence can stand on a page where
    small groups' numbers are suppressed). The shared wording of the validation report's short
    answer and the team's fairness page."""
    c = escape(column)
    judged = [item for item in groups if comparable(item[1])]
    left_out = [item for item in groups if not comparable(item[1])]
    points = []
    if len(judged) < 2:
        points.append(
            f"By {c}, fewer than two groups are large enough to compare the AUC "
            f"({comparison_rule()})."
        )
    else:
        low = min(judged, key=lambda item: item[1]["auc"])
        high = max(judged, key=lambda item: item[1]["auc"])

        def figure(item: Item) -> str:
            return (
                f"{num(item[1]['auc'])} for {escape(item[0])} ({whole(item[1]['n'])} people; "
                f"95% range {ci_text(item[1])})"
            )

        points.append(
            f"By {c}, comparing the {len(judged)} groups large enough to judge "
            f"({comparison_rule()}), the AUC ranges from {figure(low)} to {figure(high)}."
        )
        apart = [
            (a, b)
            for i, a in enumerate(judged)
            for b in judged[i + 1 :]
            if not overlap(a[1]["auc_ci"], b[1]["auc_ci"])
        ]
        if not apart:
            points.append(
                f"By {c}, the 95% ranges of these groups' AUC overlap, so these data do not "
                "show a difference between them in how well the score ranks people."
            )
        else:
            pairs = "; ".join(
                f"{escape(a[0])} and {escape(b[0])}"
                if a[1]["auc"] <= b[1]["auc"]
                else f"{escape(b[0])} and {escape(a[0])}"
                for a, b in apart
            )
            points.append(
                f"By {c}, the 95% ranges of the AUC do not overlap for {pairs}: in these "
                "data the score ranked people less well in the first group of each pair than "
                "in the second."
            )
    if left_out and name_left_out:
        points.append(f"By {c}, not compared (too few people to judge): {_names(left_out)}.")
    return points


def summary_points(report: dict[str, Any], outcome_words: str, score_words: str) -> list[str]:
    """Plain sentences: the overall AUC, then per group column the AUC of the groups large
    enough to judge and whether their ranges overlap (`auc_comparison`), the spread of the
    error rates across those groups, and the groups too small to judge."""
    o = escape(outcome_words)
    points = []
    if report["auc"] is not None:
        ci = report["auc_ci"]
        points.append(
            f"Over everyone, the AUC is {num(report['auc'])}"
            + ("" if ci is None else f" (95% range {num(ci[0])} to {num(ci[1])})")
            + f": given one person who was {o} and one who was not, {escape(score_words)} "
            f"ranks the first higher {100 * report['auc']:.0f}% of the time (50% would be no "
            "better than chance)."
        )
    for column, groups in report["groups"].items():
        items = list(groups.items())
        points += auc_comparison(column, items, name_left_out=False)
        points += error_rate_points(report, column, items, outcome_words)
        small = [item for item in items if not comparable(item[1])]
        if small:
            points.append(
                f"By {escape(column)}, too few people to judge or compare ({comparison_rule()}): "
                + ", ".join(_who(item) for item in small)
                + "."
            )
    return points


def error_rate_points(
    report: dict[str, Any], column: str, groups: Sequence[Item], outcome_words: str
) -> list[str]:
    """The spread of the false-positive and false-negative rates across the groups large
    enough to judge."""
    if report["threshold"] is None:
        return []
    c, o, threshold = escape(column), escape(outcome_words), threshold_text(report)
    judged = [item for item in groups if comparable(item[1])]
    points = []

    def spread(key: str) -> tuple[Item, Item] | None:
        have = [item for item in judged if item[1][key] is not None]
        if len(have) < 2:
            return None
        return (
            min(have, key=lambda item: item[1][key]),
            max(have, key=lambda item: item[1][key]),
        )

    found = spread("fpr")
    if found:
        low, high = found
        points.append(
            f"By {c}, of the people who were not {o}, {pct(high[1]['fpr'])} of "
            f"{_who(high)} were flagged (score {threshold} or more), against "
            f"{pct(low[1]['fpr'])} of {_who(low)}."
        )
    found = spread("fnr")
    if found:
        low, high = found
        points.append(
            f"By {c}, of the people who were {o}, {pct(high[1]['fnr'])} of {_who(high)} "
            f"were not flagged, against {pct(low[1]['fnr'])} of {_who(low)}."
        )
    return points


def glossary(report: dict[str, Any], outcome_words: str, score_words: str) -> str:
    o = escape(outcome_words)
    t = threshold_text(report)
    flagged = (
        f"someone with a score of {t} or more"
        if report["threshold"] is not None
        else "someone above the chosen threshold"
    )
    items = [
        (
            "Base rate",
            f"The share of the group who were {o}. Groups with different base rates "
            "cannot all have the same error rates and the same meaning for each score at once.",
        ),
        (
            "AUC (area under the ROC curve)",
            f"Take one person who was {o} and one who was not, at random. The AUC is the chance "
            f"that {escape(score_words)} gives the first a higher score (a tie counts as half). "
            "0.5 is no better than tossing a coin; 1 would be perfect. It measures ranking only, "
            "not whether the scores mean the same thing for every group.",
        ),
        (
            "95% range",
            "The AUC is worked out from a limited number of people, so it is uncertain. The range "
            "shows where the true figure probably lies (DeLong's method). Ranges that overlap a "
            "lot mean the groups cannot be told apart with this much data.",
        ),
        ("Flagged", f"We count {flagged} as flagged, that is predicted to be {o}."),
        (
            "Wrongly flagged (false-positive rate, FPR)",
            f"Of the people who were <em>not</em> {o}, the share who were flagged.",
        ),
        (
            "Missed (false-negative rate, FNR)",
            f"Of the people who <em>were</em> {o}, the share who were not flagged.",
        ),
        (
            "Flagged who had the outcome (positive predictive value, PPV)",
            f"Of the people flagged, the share who were {o}.",
        ),
        (
            "Not flagged who did not (negative predictive value, NPV)",
            f"Of the people not flagged, the share who were not {o}.",
        ),
        ("Flagged (selection rate)", "The share of everyone in the group who was flagged."),
        (
            "ROC curve",
            "Each point is one possible threshold: across, the share wrongly flagged; up, the "
            "share correctly flagged. A curve closer to the top-left corner separates better; the "
            "dotted diagonal is chance. The dot marks the threshold used in the tables.",
        ),
        (
            "Calibration",
            f"For each score (or band of scores), how many people had it and what share were {o}."
            " If a score means the same for every group, the group lines lie close to the grey "
            "line for everyone. Small groups give jumpy lines.",
        ),
    ]
    if report["score_kind"] == "probability":
        items.append(
            (
                "Calibration slope and intercept",
                "For a score that is a probability: the slope is 1 and the intercept 0 "
                "when predictions are right on average; a slope below 1 means the "
                "predictions are too extreme, an intercept above 0 that they are too "
                "low overall.",
            )
        )
    return (
        '<dl class="terms">'
        + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in items)
        + "</dl>"
    )


LIMITS: Final = (
    "<strong>They describe these people, at that time and place.</strong> A score that worked "
    "this way here may work differently elsewhere or later; check it on your own cases.",
    "<strong>They say nothing certain about any one person.</strong> Among people with the "
    "same score, some have the outcome and some do not; the score cannot say which.",
    "<strong>They cannot show whether the outcome itself is fair.</strong> Arrests, charges "
    "and convictions record contact with police and courts, which can differ between groups "
    "for the same behaviour. A score can match a biased record well.",
    "<strong>They show differences, not their causes.</strong> Different error rates between "
    "groups can come from different base rates, from the inputs to the score, or from the "
    "records. Finding out why needs other evidence.",
    "<strong>Not every kind of fairness is possible at once.</strong> When groups have "
    "different base rates, no score can give them equal false-positive rates, equal "
    "false-negative rates and the same meaning for each score, all together (Chouldechova "
    "2017; Kleinberg, Mullainathan and Raghavan 2016). Decide which matters most for the "
    "decision the score supports, and say why.",
    "<strong>Small groups are uncertain.</strong> Groups of fewer than 30 people are shown but "
    "marked too few to judge, and even larger groups have the ranges shown beside the AUC.",
)


def render_html(
    report: dict[str, Any],
    *,
    title: str | None = None,
    score_label: str | None = None,
    outcome_label: str | None = None,
    notes: Sequence[str] = (),
) -> str:
    score_words = score_label or f"the score ({report['score']})"
    outcome_words = outcome_label or f"with {report['outcome']} = 1"
    heading = title or f"How well {score_words} predicts {outcome_words}"
    probability = report["score_kind"] == "probability"
    source = report["input"]
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        f"<h1>{escape(heading)}</h1>",
        f'<p class="lead">This page shows how well {escape(score_words)} separated people '
        f"who were {escape(outcome_words)} from people who were not, and whether it made "
        "mistakes more often for some groups than for others. It was written by the "
        "Throughcare validation tool from the file named below.</p>",
        '<h2 id="short">The short answer</h2><ul class="summary">'
        + "".join(f"<li>{p}</li>" for p in summary_points(report, outcome_words, score_words))
        + "</ul>",
        '<h2 id="data">About the data</h2>',
        f"<p>File: <code>{escape(Path(source['file']).name)}</code>. Rows read: "
        f"{whole(source['rows_read'])}; used: {whole(source['rows_used'])}.</p>",
    ]
    if source["filter"]:
        parts.append(
            f"<p>Only rows meeting all these conditions were used"
            f"{' (' + escape(source['cohort']) + ')' if source['cohort'] else ''}:</p>"
            "<ul>"
            + "".join(f"<li><code>{escape(c)}</code></li>" for c in source["filter"])
            + "</ul>"
        )
    parts += [f"<p>{escape(n)}</p>" for n in notes]
    parts += [
        '<h2 id="terms">How to read the figures</h2>',
        glossary(report, outcome_words, score_words),
        '<h2 id="everyone">Everyone</h2>',
        measures_table(report, None),
    ]
    overall_alt = f"ROC curve for everyone: AUC {num(report['auc'])}. " + (
        f"The dot marks a score of {threshold_text(report)} or more: "
        f"{pct(report['fpr'])} wrongly flagged, {pct(1 - report['fnr'])} "
        "correctly flagged."
        if report["fnr"] is not None
        else ""
    )
    parts.append(
        _img(
            roc_chart([("Everyone", report)], report, report["threshold"]),
            overall_alt,
            "ROC curve for everyone. The further the line bows towards "
            "the top-left, the better the score separates the two groups.",
        )
    )
    if probability:
        parts.append(
            f"<p>Predicted on average: {pct(report['expected_rate'])}; observed: "
            f"{pct(report['base_rate'])}. Calibration slope "
            f"{num(report['calibration_slope'], 2)}, intercept "
            f"{num(report['calibration_intercept'], 2)}.</p>"
        )
    for column, groups in report["groups"].items():
        c = escape(column)
        panels = list(groups.items())
        parts += [f'<h2 id="by-{c}">By {c}</h2>', measures_table(report, column)]
        alt = (
            f"ROC curves by {column}, one panel per group, each with everyone in grey: "
            + "; ".join(
                f"{name} AUC {num(fig['auc'])}"
                + (" (too few to judge)" if fig["too_small_to_judge"] else "")
                for name, fig in panels
            )
            + ". The figures are in the table above."
        )
        parts.append(
            _img(
                roc_chart(panels, report, report["threshold"]),
                alt,
                f"ROC curve for each {c} group (blue) against everyone (grey). "
                "Dashed lines: too few people to judge.",
            )
        )
        parts.append(f"<h3>Does each score mean the same for every {c} group?</h3>")
        alt = (
            f"Share {outcome_words} at each score, one panel per {column} group, each with "
            "everyone in grey. The figures are in the table below."
        )
        parts.append(
            _img(
                calibration_chart(panels, report, probability, outcome_words),
                alt,
                f"Share {escape(outcome_words)} at each score for each {c} group "
                "(blue) against everyone (grey).",
            )
        )
        parts.append(calibration_table(report, column, outcome_words))
    parts.append('<h2 id="limits">What these figures can and cannot tell you</h2>')
    parts.append(
        "<p>They can show how well the score ranked these people, whether it wrongly "
        "flagged or missed people more often in some groups, and whether a given "
        "score went with a similar share of outcomes in each group. They cannot "
        "settle on their own whether using the score is fair:</p>"
    )
    parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in LIMITS) + "</ul>")
    parts.append('<h2 id="method">Method</h2>')
    parts.append(
        '<p class="muted">AUC: the Mann-Whitney statistic (ties count half). 95% range: '
        "DeLong's method (DeLong, DeLong and Clarke-Pearson 1988), the AUC plus or minus 1.96 "
        "standard errors, cut to 0-1. Calibration: each score value when there are 20 or fewer, "
        "otherwise tenths of a probability or tenths (deciles) of all the scores; every group "
        "uses the same bands. "
        + (
            "Calibration slope from a logistic regression of the outcome on the log-odds of the "
            "score; intercept with the slope fixed at 1. "
            if probability
            else ""
        )
        + f"Groups with fewer than {report['min_group_size']} people are reported but not "
        "judged; the short answer compares only groups with "
        f"{comparison_rule(report['min_group_size'])}, and two groups' AUC differ in these "
        "data only where their 95% ranges do not overlap. A dash (–) means a figure cannot be "
        "worked out, for example nobody in the group was flagged.</p>"
    )
    parts.append("</main>\n</body>\n</html>\n")
    return "\n".join(parts)


def _img(data: str, alt: str, caption: str) -> str:
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{escape(alt)}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def write_html(report: dict[str, Any], path: str | Path, **labels: Any) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(render_html(report, **labels), encoding="utf-8")
