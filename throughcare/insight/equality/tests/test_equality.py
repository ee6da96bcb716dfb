"""The equality monitoring page and its export: the figures, small groups suppressed, audit."""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, Operation, RecordType

from .conftest import Seeded

pytestmark = pytest.mark.django_db

SMALL_LABEL = "Asian or Asian British: Chinese"
PROTECTED_LABEL = "Black, Black British, Caribbean or African: Caribbean"


@pytest.fixture
def seeded(seed: Callable[..., list[Seeded]]) -> list[Seeded]:
    rng = random.Random(3)
    return (
        seed(40, rng=rng, sex="male", ethnicity="W1", religion="none")
        + seed(31, rng=rng, sex="female", ethnicity="B2", religion="christian")
        + seed(5, rng=rng, sex="female", ethnicity="A2", religion="christian")
    )


def _row(page: str, label: str, after: int = 0) -> str:
    found = re.compile(
        rf"<tr class=\"govuk-table__row\">\s*<th[^>]*>{re.escape(label)}</th>(.*?)</tr>", re.S
    ).search(page, after)
    assert found, label
    return re.sub(r"<[^>]+>", " ", found.group(1))


def test_the_page_shows_each_group_with_its_rates(
    spo: User, seeded: list[Seeded], client_for: Callable[[User], Client]
) -> None:
    response = client_for(spo).get(reverse("insight_equality:equality"))
    assert response.status_code == 200 and response["Cache-Control"].startswith("no-store")
    page = response.content.decode()
    for heading in ("Sex", "Ethnicity", "Age at release", "Disability", "Religion or belief"):
        assert f'<h2 class="govuk-heading-m">{heading}</h2>' in page
    assert page.count("<caption") == 10 and page.count('scope="col"') > 50
    men = [p for p in seeded if p.sex == "male"]
    reoffended = sum(1 for p in men if p.reoffended)
    male = _row(page, "Male", page.index("Outcomes by sex"))
    assert f"{100 * reoffended / len(men):.0f}% of {len(men)}" in male
    everyone = _row(page, "Everyone", page.index("Outcomes by sex"))
    assert f"{100 * sum(1 for p in seeded if p.reoffended) / 76:.0f}% of 76" in everyone
    assert "Correlation" in page or "not why" in page
    assert "Not recorded" in page


def test_small_groups_are_suppressed_on_the_page(
    spo: User, seeded: list[Seeded], client_for: Callable[[User], Client]
) -> None:
    page = client_for(spo).get(reverse("insight_equality:equality")).content.decode()
    start = page.index("by ethnicity")
    for after in (start, page.index("Risk of serious harm and judgement by ethnicity")):
        small = _row(page, SMALL_LABEL, after)
        assert "Fewer than 30" in small
        assert not re.search(r"\d", small.replace("Fewer than 30", ""))
        protected = _row(page, PROTECTED_LABEL, after)
        assert "Not shown (protects a smaller group)" in protected
        assert not re.search(r"\d", protected)
    # by sex the 36 women are shown: the small group of 5 is inside a large one
    female = _row(page, "Female", page.index("Outcomes by sex"))
    assert "of 36" in female


def test_small_groups_are_suppressed_in_the_export(
    spo: User, seeded: list[Seeded], client_for: Callable[[User], Client]
) -> None:
    response = client_for(spo).get(reverse("insight_equality:equality-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    small = [r for r in rows if r["Group"] == SMALL_LABEL]
    protected = [r for r in rows if r["Group"] == PROTECTED_LABEL]
    assert small and protected
    for row in small + protected:
        assert row["Share"] == "" and row["Out of"] == "" and row["Note"]
    assert {r["Note"] for r in small} == {"Fewer than 30"}
    people = {(r["Breakdown"], r["Group"]): r["Out of"] for r in rows if r["Figure"] == "People"}
    assert people[("Sex", "Male")] == "40" and people[("Sex", "Female")] == "36"
    assert people[("Ethnicity", "Everyone")] == "76"


def test_page_and_export_are_audited(
    spo: User, seeded: list[Seeded], client_for: Callable[[User], Client]
) -> None:
    client = client_for(spo)
    client.get(reverse("insight_equality:equality"))
    client.get(reverse("insight_equality:fairness"))
    client.get(reverse("insight_equality:equality-csv"))
    client.get(reverse("insight_equality:fairness-csv"))
    events = AuditEvent.objects.filter(user_id=spo.pk).order_by("sequence")
    ours = [
        (e.operation, e.record_type, e.person_id)
        for e in events
        if e.record_type
        in (RecordType.EQUALITY_REPORT, RecordType.FAIRNESS_REPORT, RecordType.INSIGHT_EXPORT)
    ]
    assert ours == [
        (Operation.CONSULTATION, RecordType.EQUALITY_REPORT, None),
        (Operation.CONSULTATION, RecordType.FAIRNESS_REPORT, None),
        (Operation.DISCLOSURE, RecordType.INSIGHT_EXPORT, None),
        (Operation.DISCLOSURE, RecordType.INSIGHT_EXPORT, None),
    ]


def test_the_exports_write_figures_as_numbers_and_anything_else_safely() -> None:
    from throughcare.insight.pages import csv_response

    response = csv_response([["-0.2500", "12", "=1+1", "-x", "Male"]], "figures")
    assert response.content.decode() == "-0.2500,12,'=1+1,'-x,Male\r\n"
    assert response["Cache-Control"] == "no-store"
