"""The package: one case loads neither numpy nor Django; the batch and command names are there
when asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from throughcare.assessment.instruments import ogrs3
from throughcare.assessment.instruments.ogrs3 import batch, command
from throughcare.assessment.tests.conftest import REPO_ROOT

ONE_CASE = """
import sys
from throughcare.assessment.instruments import ogrs3
result = ogrs3.score(sex="male", offence_category="Robbery", previous_sanctions=3,
                     birth_date="1990-01-01", conviction_date="2020-01-01",
                     first_sanction_date="2005-01-01", assessment_date="2020-02-01")
assert 0 < result.two_year < 1
print(sorted({m.split(".")[0] for m in sys.modules} & {"numpy", "django"}))
"""


def test_one_case_imports_neither_numpy_nor_django() -> None:
    done = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", ONE_CASE],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_batch_and_command_names_are_the_modules_own() -> None:
    assert ogrs3.score_batch is batch.score_batch
    assert ogrs3.BatchResult is batch.BatchResult
    assert ogrs3.encode_sex is batch.encode_sex
    assert ogrs3.encode_category is batch.encode_category
    assert ogrs3.main is command.main
    assert ogrs3.score_csv is command.score_csv
    assert ogrs3.INPUT_COLUMNS is command.INPUT_COLUMNS


def test_every_public_name_is_there() -> None:
    for name in ogrs3.__all__:
        assert getattr(ogrs3, name) is not None, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'scores'"):
        getattr(ogrs3, "scores")  # noqa: B009 (the name is not known to exist)
