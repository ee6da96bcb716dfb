"""Fixtures for the browser tests: Debian's Chromium, driven through Playwright's sync API,
against pytest-django's live server. Never a downloaded browser build: no `playwright install`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Response,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = ROOT / "var" / "screenshots"
# One of the files `scripts/build_frontend.sh` copies: without them pages have no styles.
FRONTEND_BUILT = ROOT / "var" / "frontend" / "vendor" / "govuk-frontend.min.css"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM}: "
            "install it with 'apt-get install chromium'",
            pytrace=False,
        )
    # Playwright's sync API runs an asyncio event loop on this thread (in a greenlet) from
    # start() to stop(), so Django's async-safety guard would refuse every ORM query made here
    # meanwhile: including pytest-django's flush of the database after each transactional
    # test, which with a session-wide browser cannot be moved before Playwright starts. The
    # guard is a false alarm here: nothing runs concurrently with the test's own queries on
    # this thread (the live server handles requests on its own thread and connection), so it
    # is lifted for as long as the browser is up, and restored afterwards.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield launched
            finally:
                launched.close()


@pytest.fixture(scope="session")
def frontend_built() -> None:
    if not FRONTEND_BUILT.is_file():
        pytest.fail(
            "The front-end files are not built (var/frontend is missing): run 'make setup'",
            pytrace=False,
        )


@dataclass
class PageProblems:
    """What went wrong loading pages that axe-core does not see."""

    failed_responses: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)

    def record_response(self, response: Response) -> None:
        if response.status >= 400:
            kind = response.request.resource_type
            self.failed_responses.append(f"{response.status} {kind} {response.url}")

    def record_failure(self, request: Request) -> None:
        # A load cut short by navigating on (submitting a form, following a link) is no fault.
        if request.failure and "ERR_ABORTED" in request.failure:
            return
        self.failed_responses.append(
            f"failed {request.resource_type} {request.url}: {request.failure}"
        )

    def record_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.script_errors.append(f"blocked by the Content Security Policy: {message.text}")

    def describe(self) -> str:
        return "\n".join(
            [*(f"- {r}" for r in self.failed_responses), *(f"- {e}" for e in self.script_errors)]
        )


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(
    browser: Browser,
    live_server: LiveServer,
    frontend_built: None,
    page_problems: PageProblems,
) -> Iterator[Page]:
    """A fresh browser context (no cookies) per test, with relative URLs on the live server."""
    # The Content Security Policy is enforced: anything it blocks is reported as a problem.
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    opened = context.new_page()
    opened.on("response", page_problems.record_response)
    opened.on("requestfailed", page_problems.record_failure)
    opened.on("pageerror", lambda error: page_problems.script_errors.append(f"script: {error}"))
    opened.on("console", page_problems.record_console)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):  # so that only this run's pages are there to look at
        old.unlink()
    return SCREENSHOTS
