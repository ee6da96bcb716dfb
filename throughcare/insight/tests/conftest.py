"""Shared reference data for the report tests. Missing data fails the tests, never skips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    return Path(os.environ.get("THROUGHCARE_SHARED_DIR", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def broward_csv() -> Path:
    path = shared_dir() / "data" / "compas-broward" / "compas-two-years.csv"
    if not path.is_file():
        pytest.fail(f"reference data missing: {path} (set THROUGHCARE_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def broward_readme() -> str:
    path = shared_dir() / "data" / "compas-broward" / "README.md"
    if not path.is_file():
        pytest.fail(f"reference data missing: {path} (set THROUGHCARE_SHARED_DIR)")
    return path.read_text(encoding="utf-8")
