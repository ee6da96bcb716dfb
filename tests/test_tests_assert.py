"""Every test asserts something: a test that only calls code passes whatever the code returns,
so it cannot fail on a wrong result (issue 8: "the two tests that assert nothing assert their
result").

A test function counts as asserting if its body (nested functions included) has an `assert`
statement, or calls a helper that asserts: one whose name starts with `assert`, `check` or
`expect` (`assert_accessible`, `check_chain`...), or one named in ASSERTING_HELPERS."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ASSERTING_PREFIXES = ("assert", "check", "expect")

# Helpers that assert although their names do not say so, and why they count.
ASSERTING_HELPERS = {
    "raises": "pytest.raises: the test fails unless the block raises that error",
    "warns": "pytest.warns: the test fails unless the block warns",
}


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _asserts(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name.startswith(ASSERTING_PREFIXES) or name in ASSERTING_HELPERS:
                return True
    return False


def silent_tests(source: str) -> list[str]:
    """The test functions in this module's source that assert nothing, by name."""
    return [
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test")
        and not _asserts(node)
    ]


def _test_modules() -> list[Path]:
    found = {*ROOT.glob("throughcare/**/tests/**/*.py"), *ROOT.glob("tests/**/*.py")}
    return sorted(found)


def test_the_check_finds_a_test_that_asserts_nothing() -> None:
    source = """
def test_calls_only():
    score(1)

def test_asserts():
    assert score(1) == 2

def test_raises():
    with pytest.raises(ValueError):
        score(-1)

def test_uses_an_asserting_helper(page):
    assert_accessible(page, "home")

class TestGrouped:
    def test_method_calls_only(self):
        score(2)
"""
    assert silent_tests(source) == ["test_calls_only", "test_method_calls_only"]


def test_every_test_asserts_its_result() -> None:
    modules = _test_modules()
    assert len(modules) > 50  # the walk found the suite
    silent = [
        f"{path.relative_to(ROOT)}::{name}"
        for path in modules
        for name in silent_tests(path.read_text(encoding="utf-8"))
    ]
    assert silent == []
