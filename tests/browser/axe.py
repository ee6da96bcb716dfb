"""Runs axe-core in a Playwright page and fails on any WCAG 2.2 level A or AA violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]

# The set-up copies axe-core from node_modules into var/frontend/vendor; either copy will do.
AXE_SOURCES = (
    ROOT / "var" / "frontend" / "vendor" / "axe.min.js",
    ROOT / "node_modules" / "axe-core" / "axe.min.js",
)

# Every WCAG 2.0, 2.1 and 2.2 success criterion at levels A and AA that axe-core tests.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations;
}"""


def axe_source() -> Path:
    for path in AXE_SOURCES:
        if path.is_file():
            return path
    pytest.fail(
        "axe-core is missing (looked for var/frontend/vendor/axe.min.js and "
        "node_modules/axe-core/axe.min.js): run 'make setup'",
        pytrace=False,
    )


def violations(page: Page) -> list[dict[str, Any]]:
    """The WCAG A and AA violations axe-core finds in the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the browser's developer protocol rather than added as a <script>
        # element, so the page's Content Security Policy stays enforced during the tests.
        page.evaluate(axe_source().read_text())
    found: list[dict[str, Any]] = page.evaluate(_RUN_AXE, list(WCAG_TAGS))
    return found


def _target(node: dict[str, Any]) -> str:
    # A target is a list of selectors, one per frame or shadow root on the way to the node.
    return " >>> ".join(
        " ".join(part) if isinstance(part, list) else str(part) for part in node["target"]
    )


def describe(found: list[dict[str, Any]]) -> str:
    lines = []
    for violation in found:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {_target(node)}")
            html = " ".join(str(node.get("html", "")).split())
            if html:
                lines.append(f"       {html[:200]}")
            summary = " ".join(str(node.get("failureSummary", "")).split())
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page: Page, step: str) -> None:
    """Fails with each violation's rule id, help text and the nodes it was found at."""
    found = violations(page)
    if found:
        # Raised rather than asserted so that pytest does not append the raw results.
        raise AssertionError(
            f"axe-core found {len(found)} WCAG 2.2 A/AA violation(s) on '{step}' "
            f"({page.url}):\n{describe(found)}"
        )
