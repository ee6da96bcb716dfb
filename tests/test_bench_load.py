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
