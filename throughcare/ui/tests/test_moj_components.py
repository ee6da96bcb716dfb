"""Each MoJ component template against MoJ Frontend's own Nunjucks macro.

MoJ Frontend ships its templates but, unlike GOV.UK Frontend, no fixtures. So these tests
render MoJ Frontend's macros themselves (with Nunjucks, in Node: `render_moj.cjs`) and our
Jinja2 template with the same options, and compare the HTML, ignoring whitespace. The options
cover each component's documented parameters.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from throughcare.ui import components

from .html import normalise

REPO = Path(__file__).resolve().parents[3]
RENDERER = Path(__file__).with_name("render_moj.cjs")
MACROS = {
    "alert": "mojAlert",
    "badge": "mojBadge",
    "identity-bar": "mojIdentityBar",
    "sub-navigation": "mojSubNavigation",
    "timeline": "mojTimeline",
}

NOTE = {"label": {"text": "Case note"}, "text": "Met at the gate."}
ALERT_HTML = '<p class="govuk-body">Check the <a class="govuk-link" href="#">changes</a>.</p>'

CASES: dict[str, dict[str, dict[str, Any]]] = {
    "alert": {
        "default": {"title": "Note saved", "text": "The note is on the record."},
        "title only": {"title": "Note saved"},
        "success": {"variant": "success", "title": "Done", "text": "Shared with the partner."},
        "warning": {"variant": "warning", "title": "Changed", "html": ALERT_HTML},
        "error": {"variant": "error", "title": "Not saved", "text": "Try again."},
        "unknown variant": {"variant": "purple", "title": "Note", "text": "Text"},
        "title as heading": {
            "variant": "warning",
            "title": "Someone else changed this record",
            "html": ALERT_HTML,
            "showTitleAsHeading": True,
        },
        "title as h3": {
            "title": "Heading",
            "text": "Text",
            "showTitleAsHeading": True,
            "headingTag": "h3",
        },
        "unknown heading tag": {
            "title": "Heading",
            "text": "Text",
            "showTitleAsHeading": True,
            "headingTag": "h1",
        },
        "title as heading without text": {"title": "Heading", "showTitleAsHeading": True},
        "dismissible": {
            "title": "Saved",
            "text": "Text",
            "dismissible": True,
            "dismissText": "Hide",
            "focusOnDismissSelector": "#main-content",
        },
        "dismissible false as text": {"title": "Saved", "text": "Text", "dismissible": "false"},
        "alert role without focus": {
            "title": "Saved",
            "text": "Text",
            "role": "alert",
            "disableAutoFocus": True,
        },
        "classes and attributes": {
            "title": "Saved",
            "text": "<b>escaped</b>",
            "classes": "app-alert",
            "attributes": {"data-testid": "saved", "id": "saved"},
        },
    },
    "badge": {
        "default": {"text": "Urgent"},
        "colour": {"text": "Sensitive", "classes": "moj-badge--red"},
        "large": {"text": "Not for partners", "classes": "moj-badge--grey moj-badge--large"},
        "html": {"html": "<span>New</span> today"},
        "text is escaped": {"text": "<b>Urgent</b>"},
        "attributes": {"text": "Urgent", "attributes": {"data-testid": "badge", "id": "b1"}},
    },
    "identity-bar": {
        "title": {"title": {"text": "Alex Example"}},
        "title html": {
            "title": {"html": '<span class="govuk-!-font-weight-bold">Alex Example</span> X123456'}
        },
        "no title": {},
        "classes and attributes": {
            "title": {"text": "Alex Example"},
            "classes": "app-identity",
            "attributes": {"data-testid": "identity-bar"},
        },
        "menus": {
            "title": {"text": "Alex Example"},
            "menus": [
                {"items": [{"text": "Add a note", "href": "/notes/new"}]},
                {
                    "items": [
                        {"text": "Change details", "href": "/change", "classes": "app-change"},
                        {"html": "Mark <em>sensitive</em>", "name": "mark", "value": "1"},
                        {"text": "Delete", "type": "button", "disabled": True},
                    ],
                    "button": {"text": "Actions", "classes": "govuk-button--secondary"},
                    "alignMenu": "right",
                    "classes": "app-menu",
                    "attributes": {"data-testid": "menu"},
                },
            ],
        },
    },
    "sub-navigation": {
        "default": {
            "items": [
                {"text": "Overview", "href": "/o", "active": True},
                {"text": "Activity", "href": "/a"},
            ]
        },
        "label": {"label": "Sections of this record", "items": [{"text": "One", "href": "/1"}]},
        "html items": {"items": [{"html": "Notes <span>(3)</span>", "href": "/n"}]},
        "item classes and attributes": {
            "items": [
                {
                    "text": "Overview",
                    "href": "/o",
                    "classes": "app-item",
                    "attributes": {"data-testid": "overview"},
                }
            ]
        },
        "classes and attributes": {
            "classes": "app-subnav",
            "attributes": {"data-module": "app-subnav"},
            "items": [{"text": "<b>escaped</b>", "href": "/e"}],
        },
    },
    "timeline": {
        "datetime": {
            "items": [
                {
                    **NOTE,
                    "datetime": {"timestamp": "2019-06-14T14:01:00+00:00", "type": "datetime"},
                    "byline": {"text": "Sam Officer"},
                }
            ]
        },
        "each date type": {
            "items": [
                {**NOTE, "datetime": {"timestamp": "2019-01-14T09:00:00+00:00", "type": kind}}
                for kind in ("datetime", "shortdatetime", "time")
            ]
            + [
                {**NOTE, "datetime": {"timestamp": "2019-06-04", "type": kind}}
                for kind in ("date", "shortdate")
            ]
        },
        "html": {
            "headingLevel": 3,
            "items": [
                {
                    "label": {"html": 'Case note <span class="moj-badge">Sensitive</span>'},
                    "html": "<p>Met at the gate.</p><p>All well.</p>",
                    "datetime": {"timestamp": "2019-06-04", "type": "date"},
                    "byline": {"html": "<b>Sam</b>"},
                }
            ],
        },
        "classes and attributes": {
            "classes": "app-timeline",
            "attributes": {"data-testid": "timeline"},
            "items": [
                {
                    **NOTE,
                    "text": "<b>escaped</b>",
                    "datetime": {"timestamp": "2019-06-04", "type": "shortdate"},
                    "classes": "app-item",
                    "attributes": {"id": "note-1"},
                }
            ],
        },
    },
}


def _render_with_moj_frontend(cases: list[tuple[str, dict[str, Any]]]) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("The MoJ component tests need Node.js (it comes with npm)", pytrace=False)
    if not (REPO / "node_modules" / "nunjucks").is_dir():
        pytest.fail("Nunjucks is missing from node_modules: run 'make setup'", pytrace=False)
    request = [
        {"component": component, "macro": MACROS[component], "params": options}
        for component, options in cases
    ]
    result = subprocess.run(  # noqa: S603 (our own script, given JSON on standard input)
        [node, str(RENDERER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        # MoJ's date filters show times in the process's time zone; Django shows London time.
        env={**os.environ, "TZ": "Europe/London"},
        timeout=60,
    )
    rendered: list[str] = json.loads(result.stdout)
    return rendered


@pytest.fixture(scope="module")
def moj_html() -> dict[tuple[str, str], str]:
    keys = [(component, name) for component, cases in CASES.items() for name in cases]
    rendered = _render_with_moj_frontend(
        [(component, CASES[component][name]) for component, name in keys]
    )
    return dict(zip(keys, rendered, strict=True))


def _timestamps_as_dates(options: dict[str, Any]) -> dict[str, Any]:
    """Our timeline takes dates and datetimes, as the pages pass them, not ISO strings."""
    options = copy.deepcopy(options)
    for item in options.get("items", []):
        when = item.get("datetime", {})
        if isinstance(when.get("timestamp"), str):
            text = when["timestamp"]
            when["timestamp"] = (
                datetime.datetime.fromisoformat(text)
                if "T" in text
                else datetime.date.fromisoformat(text)
            )
    return options


def render(component: str, options: dict[str, Any]) -> str:
    return components.render(component, _timestamps_as_dates(options))


@pytest.mark.parametrize(
    ("component", "name"),
    [
        pytest.param(component, name, id=f"{component}: {name}")
        for component, cases in CASES.items()
        for name in cases
    ],
)
def test_component_renders_like_moj_frontend(
    component: str, name: str, moj_html: dict[tuple[str, str], str]
) -> None:
    assert normalise(render(component, CASES[component][name])) == normalise(
        moj_html[(component, name)]
    )


def test_every_moj_component_in_use_is_compared() -> None:
    directory = REPO / "throughcare" / "templates" / "components"
    for component, macro in MACROS.items():
        assert (directory / f"{component}.jinja").is_file(), component
        package = REPO / "node_modules" / "@ministryofjustice" / "frontend" / "moj"
        assert macro in (package / "components" / component / "macro.njk").read_text()
