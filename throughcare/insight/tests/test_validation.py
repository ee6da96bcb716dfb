"""The validation report: Broward figures checked independently, the statistics, bad input."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from throughcare.insight import validation
from throughcare.insight.validation_html import render_html

SPEC_KEYS = {
    "n",
    "base_rate",
    "auc",
    "auc_ci",
    "threshold",
    "fpr",
    "fnr",
    "ppv",
    "npv",
    "selection_rate",
    "calibration",
}


# --- the Broward cohort, worked out independently ------------------------------------------------
def propublica_cohort(path: Path) -> list[dict[str, str]]:
    """The README's filter, in plain Python (a blank day count is left out, as in R)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        r
        for r in rows
        if r["days_b_screening_arrest"].strip() != ""
        and -30 <= float(r["days_b_screening_arrest"]) <= 30
        and r["is_recid"] != "-1"
        and r["c_charge_degree"] != "O"
        and r["score_text"] != "N/A"
    ]


def independent(rows: list[dict[str, str]]) -> dict[str, float]:
    y = [int(r["two_year_recid"]) for r in rows]
    s = [int(r["decile_score"]) for r in rows]
    fp = sum(1 for a, b in zip(y, s, strict=True) if a == 0 and b >= 5)
    tn = sum(1 for a, b in zip(y, s, strict=True) if a == 0 and b < 5)
    tp = sum(1 for a, b in zip(y, s, strict=True) if a == 1 and b >= 5)
    fn = sum(1 for a, b in zip(y, s, strict=True) if a == 1 and b < 5)
    return {
        "n": len(rows),
        "base_rate": sum(y) / len(y),
        "auc": float(roc_auc_score(y, s)),
        "fpr": fp / (fp + tn),
        "fnr": fn / (fn + tp),
        "ppv": tp / (tp + fp),
    }


def published(readme: str) -> dict[str, float]:
    """The figures the data's README quotes, read from it."""
    cohort = re.search(r"leaves ([\d,]+) people, ([\d,]+) \(([\d.]+)%\)", readme)
    auc = re.search(r"AUC on the standard cohort: about ([\d.]+)", readme)
    fpr = re.search(
        r"false-positive rate about (\d+)% for African-American and (\d+)% for "
        r"Caucasian",
        readme,
    )
    fnr = re.search(r"false-negative rate about (\d+)% and (\d+)%", readme)
    assert cohort and auc and fpr and fnr, "the README's published figures have moved"
    return {
        "n": int(cohort.group(1).replace(",", "")),
        "events": int(cohort.group(2).replace(",", "")),
        "auc": float(auc.group(1)),
        "fpr_aa": int(fpr.group(1)) / 100,
        "fpr_cauc": int(fpr.group(2)) / 100,
        "fnr_aa": int(fnr.group(1)) / 100,
        "fnr_cauc": int(fnr.group(2)) / 100,
    }


@pytest.fixture(scope="module")
def broward_report(
    tmp_path_factory: pytest.TempPathFactory, broward_csv: Path
) -> tuple[dict[str, Any], str]:
    out = tmp_path_factory.mktemp("report")
    status = validation.main(
        [
            "--input",
            str(broward_csv),
            "--cohort",
            "propublica",
            "--score",
            "decile_score",
            "--outcome",
            "two_year_recid",
            "--group",
            "race",
            "sex",
            "--threshold",
            "5",
            "--json",
            str(out / "r.json"),
            "--html",
            str(out / "r.html"),
            "--outcome-label",
            "charged with a new offence within two years",
        ]
    )
    assert status == 0
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    return report, (out / "r.html").read_text(encoding="utf-8")


def close3(a: float, b: float) -> bool:
    return round(a, 3) == round(b, 3) or abs(a - b) < 5e-4


def test_broward_figures_match_an_independent_calculation(
    broward_report: tuple[dict[str, Any], str], broward_csv: Path
) -> None:
    report = broward_report[0]
    rows = propublica_cohort(broward_csv)
    everyone = independent(rows)
    assert report["n"] == everyone["n"]
    assert close3(report["base_rate"], everyone["base_rate"])
    assert close3(report["auc"], everyone["auc"])
    for column in ("race", "sex"):
        values = {r[column] for r in rows}
        assert set(report["groups"][column]) == values
        for value in values:
            want = independent([r for r in rows if r[column] == value])
            got = report["groups"][column][value]
            assert got["n"] == want["n"]
            assert close3(got["auc"], want["auc"]), (column, value)
            if column == "race":
                for key in ("fpr", "fnr", "ppv"):
                    assert close3(got[key], want[key]), (value, key)


def test_broward_figures_are_near_the_published_ones(
    broward_report: tuple[dict[str, Any], str], broward_readme: str
) -> None:
    report, _ = broward_report
    paper = published(broward_readme)
    race = report["groups"]["race"]
    assert report["n"] == paper["n"]
    assert (
        report["calibration"] and sum(c["events"] for c in report["calibration"]) == paper["events"]
    )
    assert report["auc"] == pytest.approx(paper["auc"], abs=0.01)
    assert race["African-American"]["fpr"] == pytest.approx(paper["fpr_aa"], abs=0.01)
    assert race["Caucasian"]["fpr"] == pytest.approx(paper["fpr_cauc"], abs=0.01)
    assert race["African-American"]["fnr"] == pytest.approx(paper["fnr_aa"], abs=0.01)
    assert race["Caucasian"]["fnr"] == pytest.approx(paper["fnr_cauc"], abs=0.01)


def test_report_layout(broward_report: tuple[dict[str, Any], str]) -> None:
    report, _ = broward_report
    assert set(report) >= SPEC_KEYS and "groups" in report
    assert report["threshold"] == 5 and "DeLong" in report["auc_ci_method"]
    lo, hi = report["auc_ci"]
    assert lo < report["auc"] < hi
    for groups in report["groups"].values():
        for figures in groups.values():
            assert set(figures) >= SPEC_KEYS
    race = report["groups"]["race"]
    assert race["Native American"]["n"] < 30 and race["Native American"]["too_small_to_judge"]
    assert not race["Caucasian"]["too_small_to_judge"]
    # a decile score: one calibration row per value, the same rows in every group
    assert [c["score"] for c in report["calibration"]] == [str(v) for v in range(1, 11)]
    for figures in race.values():
        assert [c["score"] for c in figures["calibration"]] == [str(v) for v in range(1, 11)]
        assert sum(c["n"] for c in figures["calibration"]) == figures["n"]
    assert report["score_kind"] == "ordinal" and report["calibration_slope"] is None
    assert report["input"]["rows_read"] == 7214 and report["input"]["rows_used"] == report["n"]


def test_html_is_self_contained_and_accessible(broward_report: tuple[dict[str, Any], str]) -> None:
    report, html = broward_report
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched
    images = re.findall(r"<img ([^>]*)>", html)
    assert len(images) == 1 + 2 * len(report["groups"])  # everyone + ROC and calibration each
    for attrs in images:
        assert 'src="data:image/png;base64,' in attrs
        alt = re.search(r'alt="([^"]*)"', attrs)
        assert alt and len(alt.group(1)) > 40
    tables = html.count("<table>")
    assert tables == html.count("<caption>") == 1 + 2 * len(report["groups"])
    assert html.count('<th scope="col"') > 20 and html.count('<th scope="row"') > 20
    assert re.findall(r"<h1>", html) == ["<h1>"] and html.count("<h2") >= 6
    for words in (
        "What these figures can and cannot tell you",
        "Too few to judge",
        "Wrongly flagged",
        "DeLong",
        "charged with a new offence within two years",
    ):
        assert words in html
    assert "42.3%" in html  # the African-American false-positive rate, as a percentage


# --- the statistics ------------------------------------------------------------------------------
def delong_by_definition(score: np.ndarray, outcome: np.ndarray) -> tuple[float, float]:
    """DeLong et al. (1988) straight from the definition, O(m * n)."""
    pos, neg = score[outcome == 1], score[outcome == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    se = np.sqrt(v10.var(ddof=1) / len(pos) + v01.var(ddof=1) / len(neg))
    return float(psi.mean()), float(se)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_delong_matches_the_definition(seed: int) -> None:
    rng = np.random.default_rng(seed)
    outcome = (rng.random(400) < 0.4).astype(float)
    score = np.round(rng.normal(outcome * 0.8, 1.0), 1)  # ties included
    auc, se = validation.auc_delong(score, outcome) or (0.0, 0.0)
    want_auc, want_se = delong_by_definition(score, outcome)
    assert auc == pytest.approx(want_auc, abs=1e-12)
    assert auc == pytest.approx(roc_auc_score(outcome, score), abs=1e-12)
    assert se == pytest.approx(want_se, rel=1e-9)


def test_auc_absent_when_one_class_is_missing() -> None:
    assert validation.auc_delong(np.array([1.0, 2.0]), np.array([1.0, 1.0])) is None
    figures = validation.evaluate(
        np.array([1.0, 2.0, 3.0]),
        np.array([0.0, 0.0, 0.0]),
        threshold=2,
        probability=False,
        bins=validation.Bins((1.0, 2.0, 3.0), None),
    )
    assert figures["auc"] is None and figures["auc_ci"] is None and figures["fnr"] is None
    assert figures["fpr"] == pytest.approx(2 / 3) and figures["too_small_to_judge"]


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_probability_scores_get_expected_rates_and_calibration_fit(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    p = rng.uniform(0.05, 0.95, 20_000)
    logit = np.log(p / (1 - p))
    calibrated = (rng.random(p.size) < p).astype(int)
    too_extreme = (rng.random(p.size) < 1 / (1 + np.exp(-0.5 * logit))).astype(int)
    groups = np.where(rng.random(p.size) < 0.5, "a", "b")
    path = write_csv(
        tmp_path / "p.csv",
        ["p", "y1", "y2", "g"],
        [
            [f"{a:.6f}", b, c, d]
            for a, b, c, d in zip(p, calibrated, too_extreme, groups, strict=True)
        ],
    )
    good = validation.build_report(
        validation.read_table(path), score="p", outcome="y1", groups=["g"], threshold=0.5
    )
    assert good["score_kind"] == "probability"
    assert good["calibration_slope"] == pytest.approx(1.0, abs=0.08)
    assert good["calibration_intercept"] == pytest.approx(0.0, abs=0.05)
    assert good["expected_rate"] == pytest.approx(float(p.astype("f8").mean()), abs=1e-6)
    assert len(good["calibration"]) == 10  # tenths of probability
    for row in good["calibration"]:
        assert row["expected_rate"] == pytest.approx(row["observed_rate"], abs=0.05)
    assert (
        sum(r["n"] for r in good["groups"]["g"]["a"]["calibration"])
        == good["groups"]["g"]["a"]["n"]
    )
    bad = validation.build_report(validation.read_table(path), score="p", outcome="y2")
    assert bad["calibration_slope"] == pytest.approx(0.5, abs=0.06)
    html = render_html(good)
    assert "Calibration slope" in html and "predicted" in html


def test_many_distinct_ordinal_scores_use_deciles(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    score = rng.integers(0, 1000, 2000)
    outcome = (rng.random(2000) < score / 1000).astype(int)
    path = write_csv(
        tmp_path / "o.csv", ["s", "y"], [[a, b] for a, b in zip(score, outcome, strict=True)]
    )
    report = validation.build_report(validation.read_table(path), score="s", outcome="y")
    assert report["score_kind"] == "ordinal" and len(report["calibration"]) == 10
    assert sum(r["n"] for r in report["calibration"]) == 2000
    assert report["threshold"] is None and report["fpr"] is None and report["counts"] is None
    rates = [r["observed_rate"] for r in report["calibration"]]
    assert rates[0] < rates[-1]


# --- filters and bad input ------------------------------------------------------------------------
def test_where_conditions(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "w.csv",
        ["s", "y", "days", "kind"],
        [
            [1, 0, "-31", "F"],
            [2, 1, "", "F"],
            [3, 1, "0", "O"],
            [4, 0, "30", "M"],
            [5, 1, "5", "F"],
        ],
    )
    conditions = [validation.Condition.parse(c) for c in ("days>=-30", "days <= 30", "kind!=O")]
    table = validation.read_table(path, conditions)
    assert [r[0] for r in table.rows] == ["4", "5"] and table.rows_read == 5
    with pytest.raises(validation.ReportInputError, match="not a number"):
        validation.Condition.parse("kind>F")
    with pytest.raises(validation.ReportInputError, match="COLUMN OP VALUE"):
        validation.Condition.parse("days")


def run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *extra: str
) -> tuple[int, str]:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    status = validation.main(
        [
            "--input",
            str(path),
            "--score",
            "s",
            "--outcome",
            "y",
            "--json",
            str(tmp_path / "o.json"),
            *extra,
        ]
    )
    return status, capsys.readouterr().err


GOOD = "s,y,g\n" + "".join(f"{i % 7},{i % 2},{'ab'[i % 3 == 0]}\n" for i in range(40))


@pytest.mark.parametrize(
    ("text", "extra", "message"),
    [
        ("", (), "is empty"),
        ("s,y\n", (), "has a header but no data rows"),
        ("t,y\n1,0\n", (), "no column named 's'"),
        ("s,z\n1,0\n", (), "no column named 'y'"),
        (GOOD, ("--group", "region"), "no column named 'region'"),
        ("s,y\n1,0\nhigh,1\n", (), "line 3, column 's': the score 'high' is not a number"),
        ("s,y\n1,0\n,1\n", (), "line 3, column 's': the score '' is not a number"),
        ("s,y\n1,0\n2,2\n", (), "line 3, column 'y': the outcome must be 0 or 1, not '2'"),
        ("s,y\n1,0\n2,yes\n", (), "line 3, column 'y': the outcome must be 0 or 1"),
        ("s,y\n1,0\n2,1,3\n", (), "line 3"),
        (GOOD, ("--where", "s>100"), "no rows"),
        (GOOD, ("--where", "g>=1"), "line 2, column 'g': 'b' is not a number"),
        (GOOD, ("--cohort", "propublica"), "does not have"),
    ],
)
def test_bad_input_is_refused_clearly(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    extra: tuple[str, ...],
    message: str,
) -> None:
    status, err = run(tmp_path, capsys, text, *extra)
    assert status != 0
    assert message in err
    assert not (tmp_path / "o.json").exists()


def test_small_file_with_groups_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run(
        tmp_path,
        capsys,
        GOOD,
        "--group",
        "g",
        "--threshold",
        "3",
        "--html",
        str(tmp_path / "o.html"),
    )
    assert status == 0
    report = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert report["n"] == 40 and set(report["groups"]["g"]) == {"a", "b"}
    assert all(g["too_small_to_judge"] for g in report["groups"]["g"].values())
    assert "Too few to judge" in (tmp_path / "o.html").read_text(encoding="utf-8")


def test_missing_input_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = validation.main(
        [
            "--input",
            str(tmp_path / "none.csv"),
            "--score",
            "s",
            "--outcome",
            "y",
            "--json",
            str(tmp_path / "o.json"),
        ]
    )
    assert status == 1 and "none.csv" in capsys.readouterr().err


# --- the short answer compares only groups large enough to judge ---------------------------------
def short_answer(html: str) -> str:
    start = html.index('<h2 id="short">')
    return html[start : html.index("</ul>", start)]


def test_short_answer_compares_only_groups_large_enough_to_judge(
    broward_report: tuple[dict[str, Any], str],
) -> None:
    report, html = broward_report
    race = report["groups"]["race"]
    # Asian (31 people, 8 of whom reoffended) has the highest AUC but cannot support a comparison
    assert race["Asian"]["n"] >= 30 and race["Asian"]["events"] < 10
    assert not validation.comparable(race["Asian"])
    assert validation.comparable(race["Hispanic"]) and validation.comparable(race["Other"])
    answer = re.sub(r"<[^>]+>", " ", short_answer(html))
    assert "0.848" not in answer
    judged = {name: fig for name, fig in race.items() if validation.comparable(fig)}
    low = min(judged, key=lambda name: judged[name]["auc"])
    high = max(judged, key=lambda name: judged[name]["auc"])
    assert (low, high) == ("Hispanic", "Other")
    assert (
        f"the AUC ranges from {judged[low]['auc']:.3f} for {low} ({judged[low]['n']:,} people; "
        f"95% range {judged[low]['auc_ci'][0]:.3f} to {judged[low]['auc_ci'][1]:.3f})"
    ) in answer
    assert f"to {judged[high]['auc']:.3f} for {high} ({judged[high]['n']:,} people;" in answer
    # every pair of the four judged groups' intervals share a point, so no difference is claimed
    intervals = [fig["auc_ci"] for fig in judged.values()]
    assert all(a[0] <= b[1] and b[0] <= a[1] for a in intervals for b in intervals)
    assert "By race, the 95% ranges of these groups' AUC overlap" in short_answer(html)
    assert "do not show a difference" in answer
    assert "Asian (31 people), Native American (11 people)" in answer


def figures(auc: float, ci: tuple[float, float], n: int = 100, events: int = 40) -> dict[str, Any]:
    return {"n": n, "events": events, "auc": auc, "auc_ci": list(ci)}


def test_auc_comparison_says_when_intervals_do_not_overlap() -> None:
    from throughcare.insight.validation_html import auc_comparison

    points = auc_comparison(
        "sex",
        [
            ("Male", figures(0.62, (0.55, 0.69))),
            ("Female", figures(0.81, (0.74, 0.88))),
            ("Few outcomes", figures(0.95, (0.85, 1.0), n=40, events=5)),
        ],
    )
    text = " ".join(points)
    assert "comparing the 2 groups" in text and "0.950" not in text
    assert "do not overlap for Male and Female" in text
    assert "not compared (too few people to judge): Few outcomes." in text
    assert "(40 people" not in text  # a left-out group is named without its numbers


def test_auc_comparison_with_overlapping_intervals_and_with_one_group() -> None:
    from throughcare.insight.validation_html import auc_comparison

    overlapping = auc_comparison(
        "sex", [("Male", figures(0.62, (0.55, 0.70))), ("Female", figures(0.70, (0.69, 0.78)))]
    )
    assert "overlap, so these data do not show a difference" in " ".join(overlapping)
    alone = auc_comparison("sex", [("Male", figures(0.62, (0.55, 0.70)))])
    assert alone == [
        "By sex, fewer than two groups are large enough to compare the AUC (at least 30 people, "
        "of whom at least 10 had the outcome and 10 did not)."
    ]
