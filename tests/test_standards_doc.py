"""docs/standards.md traces every performance criterion of SFJCCFI2 to what serves it.

These checks keep that table whole and honest: one row for each criterion and part in the
standard's source text, none for criteria it does not have, and every test it cites present.
They read files only: no database.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THROUGHCARE_SHARED_DIR", REPO.parent / "shared"))
SOURCE = SHARED / "domain" / "sources" / "SFJCCFI2-release-and-resettlement.md"
DOC = REPO / "docs" / "standards.md"

STATUSES = {"served", "partly", "not yet"}
PLANNED_APPS = {"casework", "assessment", "planning", "partners", "documents", "insight"}
CRITERION = re.compile(r"^\s*-\s+(P\d+(?:\.\d+)?)\s", re.MULTILINE)
ROW = re.compile(r"^\|\s*(P\d+(?:\.\d+)?)\s*\|(.*)\|\s*$", re.MULTILINE)
CITED_PATH = re.compile(r"`((?:throughcare|tests)/[\w/]+\.py)(?:::(\w+))?`")


def _key(criterion: str) -> tuple[int, ...]:
    return tuple(int(part) for part in criterion[1:].split("."))


def standard_criteria() -> list[str]:
    found = CRITERION.findall(SOURCE.read_text(encoding="utf-8"))
    assert found, f"no performance criteria found in {SOURCE}"
    return found


def table_rows() -> list[tuple[str, list[str]]]:
    """(criterion, cells after the criterion) for each row of the table."""
    rows = []
    for criterion, rest in ROW.findall(DOC.read_text(encoding="utf-8")):
        rows.append((criterion, [cell.strip() for cell in rest.split("|")]))
    return rows


@pytest.fixture(scope="module", autouse=True)
def _source_present() -> None:
    if not SOURCE.is_file():
        pytest.fail(
            f"The standard's text is missing: {SOURCE}. Put shared/ beside the repository or "
            "set THROUGHCARE_SHARED_DIR."
        )


def test_the_source_lists_each_criterion_once_and_in_order() -> None:
    criteria = standard_criteria()
    assert len(criteria) == len(set(criteria))
    assert criteria == sorted(criteria, key=_key)
    # P1 to P36, each criterion present even where it only introduces its parts.
    assert {c for c in criteria if "." not in c} == {f"P{n}" for n in range(1, 37)}


def test_every_criterion_and_part_has_exactly_one_row() -> None:
    counts = Counter(criterion for criterion, _ in table_rows())
    expected = standard_criteria()
    missing = [c for c in expected if counts[c] == 0]
    repeated = sorted((c for c, n in counts.items() if n > 1), key=_key)
    unknown = sorted(set(counts) - set(expected), key=_key)
    assert not missing, f"no row in docs/standards.md for {missing}"
    assert not repeated, f"more than one row in docs/standards.md for {repeated}"
    assert not unknown, f"rows for criteria the standard does not have: {unknown}"


def test_rows_follow_the_order_of_the_standard() -> None:
    assert [criterion for criterion, _ in table_rows()] == standard_criteria()


def test_each_row_has_a_known_status_and_says_what_serves_it_or_what_will() -> None:
    for criterion, cells in table_rows():
        assert len(cells) == 5, f"{criterion}: expected 6 columns, found {len(cells) + 1}"
        _summary, status, served_by, shown_by, to_come = cells
        assert status in STATUSES, f"{criterion}: unknown status {status!r}"
        if status in {"served", "partly"}:
            assert served_by, f"{criterion} is {status} but names nothing that serves it"
            assert CITED_PATH.search(shown_by) or "test to come" in shown_by, (
                f"{criterion} is {status} but cites no test and does not say 'test to come'"
            )
        if status == "served":
            assert CITED_PATH.search(shown_by), f"{criterion} is served but cites no test"
        if status in {"partly", "not yet"}:
            apps = set(re.findall(r"`(\w+)`", to_come)) & PLANNED_APPS
            assert apps, f"{criterion} is {status} but names no planned app under Still to come"
        if status == "not yet":
            assert not CITED_PATH.search(shown_by), f"{criterion} is not yet served: no test"


def test_every_criterion_is_served() -> None:
    """Issue 12: with the plan built, each of P1 to P36, and each part, is served; a change that
    narrows one must say so here (and in the row) rather than let the table drift."""
    unserved = [criterion for criterion, cells in table_rows() if cells[1] != "served"]
    assert unserved == [], f"not served: {unserved}"


def test_every_cited_test_exists() -> None:
    cited = [
        (criterion, path, name)
        for criterion, cells in table_rows()
        for path, name in CITED_PATH.findall(cells[3])
    ]
    assert cited, "docs/standards.md cites no tests"
    for criterion, path, name in cited:
        file = REPO / path
        assert file.is_file(), f"{criterion} cites {path}, which does not exist"
        assert file.name.startswith("test_"), f"{criterion} cites {path}, not a test file"
        if name:
            assert re.search(rf"^def {name}\(", file.read_text(encoding="utf-8"), re.MULTILINE), (
                f"{criterion} cites {path}::{name}, which is not a test in that file"
            )


def test_every_file_named_as_serving_a_criterion_exists() -> None:
    for criterion, cells in table_rows():
        for path, _name in CITED_PATH.findall(cells[2]):
            assert (REPO / path).is_file(), f"{criterion} names {path}, which does not exist"
