"""Shared reference data for the instrument tests. Missing data fails the tests, never skips."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    return Path(os.environ.get("THROUGHCARE_SHARED_DIR", REPO_ROOT.parent / "shared"))


def shared_file(*parts: str) -> Path:
    path = shared_dir().joinpath(*parts)
    if not path.is_file():
        pytest.fail(f"reference data missing: {path} (set THROUGHCARE_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def golden_master() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(
        shared_file("domain", "ogrs3-golden-master.json").read_text(encoding="utf-8")
    )
    assert len(cases) == 1000
    return cases


@pytest.fixture(scope="session")
def coefficients() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        shared_file("domain", "ogrs3-coefficients.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="session")
def ogrs3_md() -> str:
    return shared_file("domain", "ogrs3.md").read_text(encoding="utf-8")
