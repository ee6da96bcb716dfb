"""The Options section's pages in Debian's Chromium, for the allocated COM and the team's SPO:
axe-core finds no WCAG 2.2 A or AA violation, with and without form errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import Role, User
from throughcare.people.models import Person
from throughcare.planning import services
from throughcare.planning.tests.helpers import VICTIM_POSTCODE, option, victim

from .axe import assert_accessible
from .conftest import PageProblems

pytestmark = pytest.mark.browser


def test_the_options_pages_are_accessible(
    page: Page,
    live_server: LiveServer,
    page_problems: PageProblems,
    screenshots: Path,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    folder = screenshots / "planning"
    folder.mkdir(exist_ok=True)
    spo = make_user(Role.SPO, "team")
    victim(com, person)
    conflicting = option(com, person, postcode=VICTIM_POSTCODE)
    option(com, person, title="Safe Harbour hostel", postcode="NB7 1AA")
    services.evaluate(
        user=com,
        option=conflicting,
        source=services.source_from({"source_kind": "person"}),
        answers={"p25_1_rating": "against", "p25_1_evidence": "At the victim's postcode"},
    )
    barrier = services.record_barrier(
        user=com, person=person, data={"kind": "community", "description": "A petition"}
    )
    services.choose(user=com, option=conflicting, reasoning="Family", conflict_reason="Moved")
    pid, oid = person.pk, conflicting.pk

    def check(name: str, url: str, button: str | None = None) -> None:
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{name}: {url}"
        if button is not None:
            page.get_by_role("button", name=button, exact=True).click()
            page.wait_for_load_state("load")
            assert "There is a problem" in page.content(), name
        page.screenshot(path=folder / f"{name}.png", full_page=True)
        assert_accessible(page, name)

    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "url": live_server.url,
                "value": client_for(com).cookies["sessionid"].value,
            }
        ]
    )
    for name, url in (
        ("options", reverse("planning:options", args=[pid])),
        ("option", reverse("planning:option", args=[pid, oid])),
        ("compare", reverse("planning:compare", args=[pid, "accommodation"])),
        ("barrier", reverse("planning:barrier", args=[pid, barrier.pk])),
        ("advice", reverse("planning:option-advice", args=[pid, oid])),
    ):
        check(name, url)
    for name, url, button in (
        ("option-create-errors", reverse("planning:option-create", args=[pid]), "Add the option"),
        (
            "evaluate-errors",
            reverse("planning:option-evaluate", args=[pid, oid]),
            "Save the evaluation",
        ),
        ("reject-errors", reverse("planning:option-reject", args=[pid, oid]), "Reject this option"),
        ("barrier-errors", reverse("planning:barrier-create", args=[pid]), "Record the barrier"),
        (
            "restriction-errors",
            reverse("planning:restriction-create", args=[pid]),
            "Record the restriction",
        ),
        (
            "liaison-errors",
            reverse("planning:consultation-create", args=[pid]),
            "Record the consultation",
        ),
    ):
        check(name, url, button)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "url": live_server.url,
                "value": client_for(spo).cookies["sessionid"].value,
            }
        ]
    )
    check("agree-errors", reverse("planning:option-agree", args=[pid, oid]), "Record your decision")
    assert not page_problems.script_errors, page_problems.describe()
