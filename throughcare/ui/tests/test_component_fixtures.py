"""Each GOV.UK component template against GOV.UK Frontend's own fixtures.

GOV.UK Frontend ships, for every component, the HTML its Nunjucks macro renders for a set of
options (`fixtures.json`). Our Jinja2 template is given the same options and must render the
same HTML, ignoring whitespace.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from throughcare.ui import components

from .html import normalise

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"

COMPONENTS = [
    "back-link",
    "button",
    "character-count",
    "checkboxes",
    "date-input",
    "details",
    "error-message",
    "error-summary",
    "fieldset",
    "footer",
    "generic-header",
    "hint",
    "input",
    "inset-text",
    "label",
    "notification-banner",
    "pagination",
    "phase-banner",
    "radios",
    "select",
    "service-navigation",
    "skip-link",
    "summary-list",
    "table",
    "task-list",
    "tag",
    "textarea",
    "warning-text",
]

# Fixtures whose options we deliberately do not support, with the reason.
UNSUPPORTED: dict[str, dict[str, str]] = {
    "character-count": {
        "with neither maxlength nor maxwords set": "the limit is always given on the server, "
        "which refuses longer text; a limit set only in JavaScript is not used",
        "with translations": "the service is in English only: GOV.UK Frontend's own messages",
    },
    "footer": {
        "with empty meta": "`meta: {}` is truthy in JavaScript but not in a Django template; "
        "an empty meta would only add a heading with nothing under it",
    },
}

# At most this share of all fixtures may be unsupported.
MAX_UNSUPPORTED_SHARE = 0.05


def load_fixtures(component: str) -> list[dict[str, Any]]:
    path = FIXTURES / component / "fixtures.json"
    return list(json.loads(path.read_text(encoding="utf-8"))["fixtures"])


def render(component: str, options: dict[str, Any]) -> str:
    return components.render(component, options)


CASES = [
    pytest.param(component, fixture, id=f"{component}: {fixture['name']}")
    for component in COMPONENTS
    for fixture in load_fixtures(component)
    if fixture["name"] not in UNSUPPORTED.get(component, {})
]


@pytest.mark.parametrize(("component", "fixture"), CASES)
def test_component_renders_like_govuk_frontend(component: str, fixture: dict[str, Any]) -> None:
    assert normalise(render(component, fixture["options"])) == normalise(fixture["html"])


def test_every_unsupported_fixture_exists_and_has_a_reason() -> None:
    for component, names in UNSUPPORTED.items():
        assert component in COMPONENTS
        known = {fixture["name"] for fixture in load_fixtures(component)}
        for name, reason in names.items():
            assert name in known, f"{component}: no fixture called {name!r}"
            assert reason.strip()


def test_only_a_few_fixtures_are_unsupported() -> None:
    total = sum(len(load_fixtures(component)) for component in COMPONENTS)
    unsupported = sum(len(names) for names in UNSUPPORTED.values())
    assert unsupported <= total * MAX_UNSUPPORTED_SHARE, (unsupported, total)
    for component, names in UNSUPPORTED.items():
        assert len(names) <= len(load_fixtures(component)) / 4, component


def test_every_component_has_a_usage_header() -> None:
    directory = REPO / "throughcare" / "templates" / "components"
    for path in sorted(directory.glob("[a-z]*.jinja")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("{#\nUSAGE:"), path.name
