"""The team's pages with the demo loaded, in Debian's Chromium (issue 16): the SPO's team view
and its lists, the outcomes, equality and fairness reports, and a COM's own team view. Every
chart and table is shown, every chart has its title, description and data table, and axe-core
finds no WCAG 2.2 A or AA violation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import User

from .axe import assert_accessible
from .conftest import PageProblems

pytestmark = pytest.mark.browser

SPO = "spo.northbridge@throughcare.example"
COM = "com.northbridge@throughcare.example"


def _sign_in(page: Page, live_server: LiveServer, client: Client) -> None:
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "url": live_server.url, "value": client.cookies["sessionid"].value}]
    )


def _charts_have_their_tables(page: Page, name: str) -> int:
    charts = page.locator("svg[role=img]")
    for index in range(charts.count()):
        chart = charts.nth(index)
        labelled = (chart.get_attribute("aria-labelledby") or "").split()
        assert labelled, f"{name}: chart {index} has no aria-labelledby"
        for label in labelled:
            assert chart.locator(f"[id='{label}']").count() == 1, f"{name}: {label} missing"
        title = chart.locator("title").first.text_content() or ""
        assert title.strip(), f"{name}: chart {index} has an empty title"
        assert chart.locator("desc").count() == 1, f"{name}: chart {index} has no description"
        # The data table beside it: the next table in the page after the chart.
        table = chart.locator("xpath=following::table[1]")
        assert table.count() == 1, f"{name}: chart {index} has no table after it"
        assert table.locator("tbody tr").count() > 0, f"{name}: chart {index}'s table is empty"
    return charts.count()


def test_the_team_pages_with_the_demo_show_every_chart_and_table_accessibly(
    page: Page,
    live_server: LiveServer,
    page_problems: PageProblems,
    screenshots: Path,
    client_for: Callable[[User], Client],
) -> None:
    call_command("seed_demo", verbosity=0)
    folder = screenshots / "team"
    folder.mkdir(exist_ok=True)

    def check(name: str, url: str) -> None:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, f"{name}: {url}"
        page.screenshot(path=folder / f"{name}.png", full_page=True)
        assert_accessible(page, name)
        assert page.locator("table").count() > 0, f"{name}: no table"
        for table in page.locator("table").all():
            assert table.locator("caption").count() == 1, f"{name}: a table without a caption"
        assert not page_problems.failed_responses and not page_problems.script_errors, (
            f"{name}:\n{page_problems.describe()}"
        )

    _sign_in(page, live_server, client_for(User.objects.get(email=SPO)))
    # The SPO lands on the team view, served at `/`.
    page.goto(live_server.url + "/")
    assert page.get_by_test_id("team-subnav").count() == 1, page.url
    check("team-view", reverse("insight_team:view"))
    lists = set(
        page.locator("main a[href*='?show=']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    )
    assert lists, "the team view links no figure to its people"
    for number, href in enumerate(sorted(lists)[:4]):
        check(f"team-list-{number}", href)
        assert page.locator("main a[href*='/people/']").count() > 0, href

    check("outcomes", reverse("insight_outcomes:report"))
    charts = _charts_have_their_tables(page, "outcomes")
    assert charts >= 7, f"one chart per measure expected, found {charts}"
    assert re.search(r"4 in 10|40%", page.content()), "the national figure is not shown"

    check("equality", reverse("insight_equality:equality"))
    _charts_have_their_tables(page, "equality")
    assert "Fewer than 30" in page.content(), "the demo's small groups are not suppressed"

    check("fairness", reverse("insight_equality:fairness"))
    _charts_have_their_tables(page, "fairness")
    assert "AUC" in page.content() or "area under" in page.content().lower()

    # A community offender manager sees the team view of their own people, not the figures.
    _sign_in(page, live_server, client_for(User.objects.get(email=COM)))
    check("team-view-com", reverse("insight_team:view"))
    response = page.goto(live_server.url + reverse("insight_outcomes:report"))
    assert response is not None and response.status == 403
