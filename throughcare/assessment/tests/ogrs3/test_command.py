"""The command: the golden master plus invalid rows, in order, the batch carrying on."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from throughcare.assessment.instruments import ogrs3
from throughcare.assessment.tests.conftest import REPO_ROOT

COLUMNS = list(ogrs3.INPUT_COLUMNS)
GOOD: dict[str, Any] = {
    "sex": "female",
    "offence_category": "Drink driving",
    "previous_sanctions": "2",
    "birth_date": "1985-01-31",
    "conviction_date": "2019-07-01",
    "first_sanction_date": "2004-02-01",
    "assessment_date": "2019-09-30",
}
# (changes to GOOD, text the error must contain)
BAD_ROWS: list[tuple[dict[str, str], str]] = [
    (
        {"birth_date": "2019-07-02", "first_sanction_date": "2019-07-01"},
        "birth_date: the date of birth is after the date of the current conviction",
    ),
    ({"first_sanction_date": "2019-07-02"}, "first_sanction_date: the first sanction is after"),
    ({"first_sanction_date": "1995-01-30"}, "before the person's 10th birthday"),
    ({"previous_sanctions": "-2"}, "previous_sanctions: the number of previous sanctions cannot"),
    ({"assessment_date": "2019-06-30"}, "assessment_date: the assessment date is before"),
    ({"offence_category": "Shoplifting"}, "offence_category: not one of the 20 OGRS3"),
    ({"offence_category": ""}, "has not been placed in an OGRS3 category"),
    ({"sex": "F"}, "sex: sex must be 'male' or 'female'"),
    ({"birth_date": "31/01/1985"}, "birth_date: the date of birth is not a date"),
    ({"previous_sanctions": "two"}, "previous_sanctions: the number of previous sanctions must"),
]


def write_input(path: Path, golden_master: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Golden-master rows with bad rows spread through them; returns what each row expects."""
    expected: list[dict[str, Any]] = []
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["case_id", *COLUMNS])
        bad = iter(BAD_ROWS)
        for i, case in enumerate(golden_master):
            writer.writerow([f"g{i}", *(case[c] for c in COLUMNS)])
            expected.append({"id": f"g{i}", "case": case})
            if i % 97 == 50:
                change, message = next(bad, ({}, ""))
                if message:
                    writer.writerow([f"b{i}", *({**GOOD, **change}[c] for c in COLUMNS)])
                    expected.append({"id": f"b{i}", "error": message})
        writer.writerow(["short", "male", "Robbery"])  # too few values
        expected.append({"id": "short", "error": "row has 3 values but the header has 8"})
        writer.writerow(["last", *(GOOD[c] for c in COLUMNS)])
        expected.append({"id": "last", "good": True})
    return expected


def check_output(rows: list[dict[str, str]], expected: list[dict[str, Any]]) -> None:
    assert [r["case_id"] for r in rows] == [e["id"] for e in expected]
    rejected = 0
    for row, want in zip(rows, expected, strict=True):
        if "case" in want:
            case = want["case"]
            assert [row[c] for c in COLUMNS] == [str(case[c]) for c in COLUMNS]
            if row["error"]:  # only the golden-master case that breaks an ogrs3.md rule
                rejected += 1
                assert "before the person's 10th birthday" in row["error"]
                assert row["ogrs3_1y"] == row["ogrs3_2y"] == row["ogrs3_band"] == ""
                continue
            assert abs(float(row["ogrs3_1y"]) - case["expected_1y"]) <= 1e-9
            assert abs(float(row["ogrs3_2y"]) - case["expected_2y"]) <= 1e-9
            assert row["ogrs3_band"] == ogrs3.band(case["expected_2y"])
        elif "error" in want:
            assert want["error"] in row["error"], (row, want)
            assert row["ogrs3_1y"] == row["ogrs3_2y"] == row["ogrs3_band"] == ""
        else:
            assert row["error"] == "" and float(row["ogrs3_1y"]) > 0
    assert rejected <= 1


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def test_command_in_process(
    tmp_path: Path, golden_master: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "cases.csv", tmp_path / "scored.csv"
    expected = write_input(source, golden_master)
    assert sum("error" in e for e in expected) == len(BAD_ROWS) + 1
    status = ogrs3.main(["--input", str(source), "--output", str(target), "--chunk-size", "250"])
    assert status == 0
    header, rows = read_rows(target)
    assert header == ["case_id", *COLUMNS, "ogrs3_1y", "ogrs3_2y", "ogrs3_band", "error"]
    check_output(rows, expected)
    err = capsys.readouterr().err
    assert "250 rows read" in err and "1,000 rows read" in err  # progress on large input
    assert f"of {len(expected):,} rows" in err


def test_command_as_a_module(tmp_path: Path, golden_master: list[dict[str, Any]]) -> None:
    source, target = tmp_path / "cases.csv", tmp_path / "scored.csv"
    expected = write_input(source, golden_master)
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [
            sys.executable,
            "-m",
            "throughcare.assessment.instruments.ogrs3",
            "--input",
            str(source),
            "--output",
            str(target),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    check_output(read_rows(target)[1], expected)
    assert "could not be scored" in done.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the input file is empty"),
        ("\n", "the input file is empty"),
        (
            "sex,offence_category,previous_sanctions,birth_date,conviction_date\n",
            "no column named first_sanction_date, assessment_date",
        ),
    ],
)
def test_command_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(text, encoding="utf-8")
    assert ogrs3.main(["--input", str(source), "--output", str(tmp_path / "o.csv")]) == 1
    assert message in capsys.readouterr().err


def test_command_reports_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ogrs3.main(["--input", str(tmp_path / "nope.csv"), "--output", "-"]) == 1
    assert "nope.csv" in capsys.readouterr().err


def test_rescoring_replaces_old_score_columns() -> None:
    source = io.StringIO(
        ",".join([*COLUMNS, "ogrs3_1y", "error"])
        + "\n"
        + ",".join([*(GOOD[c] for c in COLUMNS), "0.1", "old"])
        + "\n"
    )
    target = io.StringIO()
    assert ogrs3.score_csv(source, target) == (1, 0)
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert list(rows[0]) == [*COLUMNS, "ogrs3_1y", "ogrs3_2y", "ogrs3_band", "error"]
    assert rows[0]["error"] == "" and rows[0]["ogrs3_1y"] != "0.1"
    assert float(rows[0]["ogrs3_1y"]) == ogrs3.score(**GOOD).one_year
