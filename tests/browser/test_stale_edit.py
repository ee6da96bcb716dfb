"""Change details open in two tabs of the same browser (issue 7, item 4): a save refused as
stale, then saved again, keeps what was changed in the other tab, and a field changed in both
is shown side by side for the user to decide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import User
from throughcare.people.models import Person

from .axe import assert_accessible
from .conftest import PageProblems

pytestmark = pytest.mark.browser


def _sign_in(page: Page, live_server: LiveServer, client: Client) -> None:
    """Gives the browser the session of a test client already signed in with both factors."""
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_two_tabs_of_change_details_never_undo_each_other(
    page: Page,
    live_server: LiveServer,
    page_problems: PageProblems,
    screenshots: Path,
    client_for: Callable[[User], Client],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    person = make_person(first_language="English")
    _sign_in(page, live_server, client_for(com))
    url = reverse("record:change", args=[person.pk])
    tab_a = page
    tab_b = page.context.new_page()
    tab_a.goto(url)
    tab_b.goto(url)

    # Tab A sets the nationality and saves.
    tab_a.get_by_label("Nationality").fill("British")
    tab_a.get_by_role("button", name="Save details").click()
    expect(tab_a.get_by_text("Details saved")).to_be_visible()

    # Tab B, loaded before that, changes the first language: refused, nothing written.
    tab_b.get_by_label("First language").fill("Welsh")
    tab_b.get_by_role("button", name="Save details").click()
    expect(tab_b.locator(".govuk-error-summary")).to_contain_text(
        "Someone else changed this record"
    )
    changed = tab_b.get_by_test_id("changed-meanwhile")
    expect(changed.get_by_role("row", name="Nationality")).to_contain_text("British")
    # The form now shows their nationality (untouched here) and keeps this tab's language.
    expect(tab_b.get_by_label("Nationality")).to_have_value("British")
    expect(tab_b.get_by_label("First language")).to_have_value("Welsh")
    person.refresh_from_db()
    assert (person.nationality, person.first_language) == ("British", "English")
    tab_b.screenshot(path=screenshots / "stale-edit-refused.png", full_page=True)
    assert_accessible(tab_b, "stale-edit-refused")

    # Saving again writes the first language only: the nationality stays British.
    tab_b.get_by_role("button", name="Save details").click()
    expect(tab_b.get_by_text("Details saved")).to_be_visible()
    person.refresh_from_db()
    assert (person.nationality, person.first_language) == ("British", "Welsh")

    # Both tabs change the first language: tab B is refused and shown both values.
    tab_a.goto(url)
    tab_b.goto(url)
    tab_a.get_by_label("First language").fill("Polish")
    tab_a.get_by_role("button", name="Save details").click()
    expect(tab_a.get_by_text("Details saved")).to_be_visible()
    tab_b.get_by_label("First language").fill("Cymraeg")
    tab_b.get_by_role("button", name="Save details").click()
    row = tab_b.get_by_test_id("changed-meanwhile").get_by_role("row", name="First language")
    expect(row).to_contain_text("Polish")
    expect(row).to_contain_text("Cymraeg")
    summary = tab_b.locator(".govuk-error-summary")
    summary.get_by_role("link", name="first language").click()
    expect(tab_b.get_by_label("First language")).to_be_focused()
    expect(tab_b.get_by_label("First language")).to_have_value("Cymraeg")
    tab_b.screenshot(path=screenshots / "stale-edit-conflict.png", full_page=True)
    assert_accessible(tab_b, "stale-edit-conflict")
    person.refresh_from_db()
    assert person.first_language == "Polish"
    assert not page_problems.script_errors, page_problems.describe()
