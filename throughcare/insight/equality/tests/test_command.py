"""`manage.py fairness_report`: the same figures as the page, suppressed, audited."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.insight import cohort
from throughcare.insight.equality import fairness

from .conftest import Seeded

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seed: Callable[..., list[Seeded]]) -> list[Seeded]:
    rng = random.Random(5)
    return (
        seed(35, rng=rng, sex="male", ethnicity="W1")
        + seed(32, rng=rng, sex="female", ethnicity="W1")
        + seed(4, rng=rng, sex="female", ethnicity="A2")
    )


def test_the_report_for_a_team(
    spo: User, seeded: list[Seeded], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command(
        "fairness_report",
        "--team",
        "TPT",
        "--json",
        str(tmp_path / "out" / "fairness.json"),
        "--html",
        str(tmp_path / "fairness.html"),
    )
    report = json.loads((tmp_path / "out" / "fairness.json").read_text(encoding="utf-8"))
    page = fairness.report(cohort.members(spo, clock.today()))
    assert page.everyone.figures is not None
    assert report["everyone"]["auc"] == pytest.approx(page.everyone.figures["auc"])
    assert report["everyone"]["n"] == 71 and report["senior_probation_officer"] == spo.email
    ethnicity = report["groups"]["Ethnicity"]
    assert ethnicity["Asian or Asian British: Chinese"] == {"shown": False, "note": "Fewer than 30"}
    # the only other group is hidden too, or the small one is everyone less it
    assert ethnicity["White: English, Welsh, Scottish, Northern Irish or British"] == {
        "shown": False,
        "note": "Not shown (protects a smaller group)",
    }
    assert report["groups"]["Sex"]["Female"]["n"] == 36
    assert report["threshold"] == pytest.approx(0.495) and report["short_answer"]
    html = (tmp_path / "fairness.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Too small to judge" in html
    assert "Medium or above" in html and "&quot;Segoe UI&quot;" not in html
    event = AuditEvent.objects.get(record_type=RecordType.INSIGHT_EXPORT)
    assert event.operation == Operation.DISCLOSURE and event.user_id is None
    assert spo.email in event.reason and "fairness.json" in event.recipient
    assert "71 people" in capsys.readouterr().out


def test_the_report_for_a_named_officer(spo: User, seeded: list[Seeded], tmp_path: Path) -> None:
    call_command("fairness_report", "--user", spo.email, "--json", str(tmp_path / "f.json"))
    assert json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["everyone"]["n"] == 71


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "Name the senior probation officer"),
        (["--team", "XXX"], "no probation team with the code XXX"),
        (["--team", "TMI"], "no probation team with the code TMI"),
        (["--user", "nobody@test.example"], "no active account"),
        (["--team", "EPT"], "has no active senior probation officer"),
        (["--user", "COM"], "only a senior probation officer may"),
        (["--user", "SPO", "--team", "EPT"], "is not in the team EPT"),
        (["--team", "TPT", "--more"], "name one with --user"),
    ],
)
def test_refusals(
    spo: User,
    make_user: Callable[..., User],
    com: User,
    tmp_path: Path,
    arguments: list[str],
    message: str,
) -> None:
    if "--more" in arguments:
        arguments = arguments[:-1]
        make_user(Role.SPO, "team")
    arguments = [{"COM": com.email, "SPO": spo.email}.get(a, a) for a in arguments]
    with pytest.raises(CommandError, match=message):
        call_command("fairness_report", *arguments, "--json", str(tmp_path / "f.json"))
    assert not (tmp_path / "f.json").exists()
    assert not AuditEvent.objects.filter(record_type=RecordType.INSIGHT_EXPORT).exists()
