"""A partner worker's landing page in a real browser: the people shared with their
organisation, what is shared and until when, and from there the record itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access import services as access_services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, User
from throughcare.core import clock
from throughcare.people.models import Person

from .axe import assert_accessible
from .conftest import PageProblems

pytestmark = pytest.mark.browser


def test_a_partner_lands_on_the_people_shared_with_them(
    page: Page,
    live_server: LiveServer,
    page_problems: PageProblems,
    screenshots: Path,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    organisations: dict[str, Organisation],
    com: User,
) -> None:
    today = clock.today()
    shared = make_person(given_name="Dana", family_name="Sharedwith")
    not_shared = make_person(given_name="Eli", family_name="Notshared")
    access_services.share_with_partner(
        by=com,
        person=shared,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing on release",
            sections=("identity", "case_notes"),
            start_date=today,
            end_date=today + timedelta(days=45),
        ),
    )
    client = client_for(make_user(Role.PARTNER, "partner"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People shared with you")
    expect(page.get_by_text("Nobody is allocated to you yet")).to_have_count(0)
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation.get_by_role("link", name="Shared with you")).to_be_visible()
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text=shared.listed_name)
    expect(row).to_contain_text(shared.crn)
    expect(row).to_contain_text("Name, date of birth and identifiers")
    expect(row).to_contain_text("Case notes")
    expect(row).to_contain_text((today + timedelta(days=45)).strftime("%-d %B %Y"))
    expect(table).not_to_contain_text(not_shared.listed_name)
    page.screenshot(path=screenshots / "partner-landing.png", full_page=True)
    assert_accessible(page, "partner-landing")
    assert not page_problems.failed_responses, page_problems.describe()

    row.get_by_role("link", name=shared.listed_name).click()
    expect(page).to_have_url(re.compile(rf"/people/{shared.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(shared.full_name)
