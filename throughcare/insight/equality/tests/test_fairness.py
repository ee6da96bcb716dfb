"""The fairness page on a seeded cohort with known outcomes gives the same AUC and error rates
as an independent calculation (scikit-learn and plain counts), overall and for each group."""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from sklearn.metrics import roc_auc_score

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.insight import cohort
from throughcare.insight.equality import fairness

from .conftest import Seeded

pytestmark = pytest.mark.django_db

WHITE = "W1"
BLACK_CARIBBEAN = "B2"
CHINESE = "A2"


def independent(people: list[Seeded]) -> dict[str, float]:
    """AUC by scikit-learn; flagged = a score of 50% or more (the Medium band), counted."""
    known = [p for p in people if p.score is not None and p.reoffended is not None]
    y = [1 if p.reoffended else 0 for p in known]
    s = [p.score for p in known]
    fp = sum(1 for p in known if not p.reoffended and p.score is not None and p.score >= 0.5)
    tn = sum(1 for p in known if not p.reoffended and p.score is not None and p.score < 0.5)
    tp = sum(1 for p in known if p.reoffended and p.score is not None and p.score >= 0.5)
    fn = sum(1 for p in known if p.reoffended and p.score is not None and p.score < 0.5)
    return {
        "n": len(known),
        "auc": float(roc_auc_score(y, s)),
        "fpr": fp / (fp + tn),
        "fnr": fn / (fn + tp),
        "ppv": tp / (tp + fp),
    }


@pytest.fixture
def cohort_seeded(seed: Callable[..., list[Seeded]]) -> list[Seeded]:
    rng = random.Random(16)
    people = seed(40, rng=rng, sex="male", ethnicity=WHITE)
    people += seed(36, rng=rng, sex="female", ethnicity=BLACK_CARIBBEAN)
    people += seed(5, rng=rng, sex="male", ethnicity=CHINESE)
    # not counted: released too recently for the outcome to be known, and never scored
    people += seed(2, rng=rng, sex="female", ethnicity=WHITE, released=date(2026, 6, 1))
    people += seed(2, rng=rng, sex="male", ethnicity=WHITE, scored=False)
    return people


def test_the_figures_match_scikit_learn_and_plain_counts(
    spo: User, cohort_seeded: list[Seeded]
) -> None:
    found = fairness.report(cohort.members(spo, clock.today()))
    groups = {
        "Everyone": cohort_seeded,
        "Male": [p for p in cohort_seeded if p.sex == "male"],
        "Female": [p for p in cohort_seeded if p.sex == "female"],
        "White: English, Welsh, Scottish, Northern Irish or British": [
            p for p in cohort_seeded if p.ethnicity == WHITE
        ],
    }
    shown = {"Everyone": found.everyone.figures}
    shown |= {j.label: j.figures for b in found.breakdowns if b.key == "sex" for j in b.groups}
    shown |= {
        j.label: j.figures for b in found.breakdowns if b.key == "ethnicity" for j in b.groups
    }
    for label, people in groups.items():
        expected = independent(people)
        figures = shown[label]
        assert figures is not None, label
        assert figures["n"] == expected["n"], label
        assert figures["auc"] == pytest.approx(expected["auc"], abs=1e-12), label
        for key in ("fpr", "fnr", "ppv"):
            assert figures[key] == pytest.approx(expected[key], abs=1e-12), (label, key)
    everyone = shown["Everyone"]
    assert everyone is not None and everyone["n"] == 81  # recent releases and unscored left out


def test_the_page_shows_the_same_figures(
    spo: User, cohort_seeded: list[Seeded], client_for: Callable[[User], Client]
) -> None:
    page = client_for(spo).get(reverse("insight_equality:fairness")).content.decode()
    for label, people in (
        ("Everyone", cohort_seeded),
        ("Male", [p for p in cohort_seeded if p.sex == "male"]),
        ("Female", [p for p in cohort_seeded if p.sex == "female"]),
    ):
        expected = independent(people)
        row = _row(page, label)
        assert f"{expected['auc']:.3f}" in row
        assert f"{100 * expected['fpr']:.1f}%" in row and f"{100 * expected['fnr']:.1f}%" in row
        assert f">{expected['n']}<" in row
    assert "Medium or above" in page and "What these figures can and cannot show" in page


def _row(page: str, label: str) -> str:
    found = re.search(
        rf"<tr class=\"govuk-table__row\">\s*<th[^>]*>{re.escape(label)}</th>(.*?)</tr>", page, re.S
    )
    assert found, label
    return found.group(1)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_small_groups_are_too_small_to_judge_on_the_page_and_in_the_csv(
    spo: User, cohort_seeded: list[Seeded], client_for: Callable[[User], Client]
) -> None:
    client = client_for(spo)
    page = client.get(reverse("insight_equality:fairness")).content.decode()
    chinese = _row(page, "Asian or Asian British: Chinese")
    assert "Fewer than 30" in chinese and "Too small to judge" in chinese
    assert not re.search(r"\d", _text(chinese).replace("Fewer than 30", ""))
    caribbean = _row(page, "Black, Black British, Caribbean or African: Caribbean")
    assert "Not shown (protects a smaller group)" in caribbean
    assert not re.search(r"\d", _text(caribbean))
    response = client.get(reverse("insight_equality:fairness-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    hidden = [r for r in rows if r["Group"].startswith(("Asian", "Black"))]
    assert [r["Note"] for r in hidden] == ["Fewer than 30", "Not shown (protects a smaller group)"]
    for row in hidden:
        assert not any(re.search(r"\d", v) for k, v in row.items() if k not in ("Note",))
    male = next(r for r in rows if r["Group"] == "Male")
    assert male["People"] == "45" and male["AUC"]


def test_the_short_answer_compares_only_groups_large_enough(
    spo: User, cohort_seeded: list[Seeded]
) -> None:
    found = fairness.report(cohort.members(spo, clock.today()))
    by_sex = next(b for b in found.breakdowns if b.key == "sex")
    text = " ".join(by_sex.points)
    assert "comparing the 2 groups large enough to judge" in text
    assert "overlap" in text
    by_ethnicity = next(b for b in found.breakdowns if b.key == "ethnicity")
    assert "fewer than two groups are large enough" in " ".join(by_ethnicity.points)
    assert "Chinese" not in " ".join(by_ethnicity.points)
