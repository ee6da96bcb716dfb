"""bench/load.py drives loopback servers only, within bounds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

LOAD = Path(__file__).resolve().parents[1] / "bench" / "load.py"


def load_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", LOAD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "http://10.0.0.1:8000",
        "http://127.0.0.1.example.com",
        "file:///etc/passwd",
        "ftp://127.0.0.1/",
    ],
)
def test_anything_but_a_loopback_url_is_refused(url: str) -> None:
    with pytest.raises(SystemExit):
        load_module().parse_args([url])


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://localhost:8000/", "http://[::1]:8000"]
)
def test_loopback_urls_are_accepted(url: str) -> None:
    assert load_module().parse_args([url]).url == url


@pytest.mark.parametrize(
    "extra", [["--users", "0"], ["--users", "201"], ["--duration", "0"], ["--max-requests", "0"]]
)
def test_runs_are_bounded(extra: list[str]) -> None:
    with pytest.raises(SystemExit):
        load_module().parse_args(["http://127.0.0.1:8000", *extra])


def test_percentiles_are_nearest_rank() -> None:
    module = load_module()
    values = [float(n) for n in range(1, 101)]
    assert [module.percentile(values, f) for f in (0.5, 0.95, 0.99)] == [50.0, 95.0, 99.0]


def test_users_ask_for_the_caseload_first_then_every_tenth_page_not_in_step() -> None:
    load = load_module()
    rounds = []
    for seed in range(10):
        user = load.User("http://127.0.0.1:8000", "someone@example.test", load.Tally())
        asked: list[str] = []

        def request(page: str, path: str, form: object = None, asked: list[str] = asked) -> str:
            asked.append("note" if form else page)
            return '<a href="/people/00000000-0000-0000-0000-000000000001/">'

        user.request = request
        user.browse(load.random.Random(seed), 41, float("inf"), 5)
        caseloads = [n for n, page in enumerate(asked) if page == "caseload"]
        assert caseloads[0] == 0  # no people yet: their caseload first
        assert {b - a for a, b in zip(caseloads[1:], caseloads[2:], strict=False)} <= {10, 11}
        rounds.append(caseloads[1])
        # Signed in on a caseload: its people, with no caseload asked for first.
        user.people = ["00000000-0000-0000-0000-000000000002"]
        user.tally = load.Tally()
        asked.clear()
        user.browse(load.random.Random(seed), 5, float("inf"), 5)
        starts_round = load.random.Random(seed).randrange(10) == 0
        assert (asked[0] == "caseload") == starts_round
    assert len(set(rounds)) > 3  # the second caseload comes at a different page for each
