"""Signing in from a sign-in page left open in another tab while someone else signed in
(issue 7, item 13). Signing in changes the page's security token, so the first post is
refused: with a clear page that says who is signed in here, never Django's bare "CSRF
verification failed". Signing in from that page signs them out and the new person in."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import Role, User
from throughcare.access.tests.signin.helpers import PASSWORD, code_for, with_app

from .axe import assert_accessible

pytestmark = pytest.mark.browser


def test_signing_in_over_someone_elses_session_in_another_tab(
    page: Page,
    live_server: LiveServer,
    screenshots: Path,
    make_user: Callable[..., User],
) -> None:
    first = make_user(Role.COM, "team")
    second = make_user(Role.POM, "prison")
    device = with_app(first)
    with_app(second)
    left_open, other_tab = page, page.context.new_page()
    left_open.goto("/sign-in/")

    # In another tab of the same browser, the first person signs in with both factors.
    other_tab.goto("/sign-in/")
    other_tab.get_by_label("Email address").fill(first.email)
    other_tab.get_by_label("Password").fill(PASSWORD)
    other_tab.get_by_role("button", name="Sign in").click()
    other_tab.get_by_label("Security code").fill(code_for(device))
    other_tab.get_by_role("button", name="Continue").click()
    expect(other_tab.get_by_role("heading", level=1)).to_have_text("My caseload")

    # The second person uses the page left open: refused, clearly, saying who is signed in.
    left_open.get_by_label("Email address").fill(second.email)
    left_open.get_by_label("Password").fill(PASSWORD)
    left_open.get_by_role("button", name="Sign in").click()
    expect(left_open.get_by_role("heading", level=1)).to_have_text("Sign in")
    summary = left_open.locator(".govuk-error-summary")
    expect(summary).to_contain_text(f"{first.full_name} is already signed in on this browser")
    expect(left_open.get_by_label("Email address")).to_have_value(second.email)
    left_open.screenshot(path=screenshots / "sign-in-over-session.png", full_page=True)
    assert_accessible(left_open, "sign-in-over-session")

    # Signing in from it: the first person is signed out, the second goes on to their code.
    left_open.get_by_label("Password").fill(PASSWORD)
    left_open.get_by_role("button", name="Sign in").click()
    expect(left_open).to_have_url(re.compile(r"/sign-in/two-factor/"))
    other_tab.reload()
    expect(other_tab).to_have_url(re.compile(r"/sign-in/two-factor/"))
    expect(other_tab.get_by_text(first.full_name)).to_have_count(0)
