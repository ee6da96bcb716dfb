"""An urgent concern in a real browser (P13): the COM records it (first getting it wrong), the
team's SPO sees it waiting in the header and on "Needs attention", and the red banner on the
record; acknowledges it, records the action taken with its reference and resolves it; the
banner goes. Every page is checked with axe-core for WCAG 2.2 A and AA violations."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import Role, User
from throughcare.casework.concerns.models import UrgentConcern
from throughcare.people.models import Person

from .conftest import PageProblems
from .test_journey import Journey
from .test_pages_accessible import _sign_in

pytestmark = pytest.mark.browser

SAID = "He said he would wait outside his former partner's house on the day he is released."


def test_a_concern_recorded_by_the_com_is_acknowledged_acted_on_and_resolved_by_the_spo(
    page: Page,
    page_problems: PageProblems,
    screenshots: Path,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    spo = make_user(Role.SPO, "team")
    journey = Journey(page, page_problems, screenshots)

    # The COM, on the person's overview, records an urgent concern.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("button", name="Record an urgent concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an urgent concern")
    journey.check("concern-form")
    page.get_by_label("What was said or seen").fill(SAID)
    page.get_by_label("Time").fill("teatime")
    page.get_by_role("button", name="Record the concern").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the type of concern")
    expect(summary).to_contain_text("Select who said it or saw it")
    expect(summary).to_contain_text("Enter time as a time of day")
    expect(page.get_by_label("What was said or seen")).to_have_value(SAID)
    journey.check("concern-form-errors")
    page.get_by_label("Immediate risk of harm to a named person").check()
    page.get_by_label("The person", exact=True).check()
    page.get_by_label("Time").fill("9:45am")
    page.get_by_role("button", name="Record the concern").click()
    expect(page.get_by_test_id("urgent-concern-banner")).to_be_visible()
    expect(page.get_by_text("Urgent concern recorded")).to_be_visible()
    journey.check("concern-recorded")
    concern = UrgentConcern.objects.get()

    # The SPO: the header counts it, "Needs attention" lists it, the record shows the banner.
    _sign_in(page, live_server, client_for(spo))
    page.goto("/caseload/")  # the SPO lands on the team view: their caseload is a click on
    attention = page.get_by_role("link", name="Needs attention (1)")
    expect(attention).to_be_visible()
    journey.check("spo-caseload")
    expect(page.get_by_role("row").filter(has_text=person.crn)).to_contain_text("Urgent concern")
    attention.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs your attention")
    journey.check("spo-attention")
    page.get_by_role("link", name="Urgent concern to acknowledge").click()
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/concerns/{concern.pk}/$"))
    expect(page.get_by_test_id("urgent-concern-banner")).to_be_visible()
    expect(page.get_by_text(SAID)).to_be_visible()
    journey.check("spo-concern")
    page.get_by_role("button", name="Acknowledge the concern").click()
    expect(page.get_by_role("link", name="Needs attention", exact=True)).to_be_visible()
    expect(page.get_by_text("Concern acknowledged")).to_be_visible()
    journey.check("spo-acknowledged")

    # Resolving with no action recorded is refused; the action, then the resolution.
    page.get_by_role("button", name="Resolve the concern").click()
    page.get_by_label("How the concern was resolved").fill("Police visited his former partner")
    page.get_by_role("button", name="Resolve the concern").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Record at least one action taken before resolving the concern"
    )
    expect(page.get_by_label("How the concern was resolved")).to_have_value(
        "Police visited his former partner"
    )
    journey.check("resolve-refused")
    page.get_by_role("link", name="Back to the concern").click()
    page.get_by_role("button", name="Record an action taken").click()
    page.get_by_label("Police informed").check()
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the police reference")
    journey.check("action-errors")
    page.get_by_label("Reference").fill("CAD 0917 24/11")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_role("table")).to_contain_text("CAD 0917 24/11")
    page.get_by_role("button", name="Resolve the concern").click()
    page.get_by_label("How the concern was resolved").fill("Police visited his former partner")
    page.get_by_role("button", name="Resolve the concern").click()
    expect(page.get_by_text("Concern resolved")).to_be_visible()
    expect(page.get_by_test_id("urgent-concern-banner")).to_have_count(0)
    expect(page.get_by_text("Time to resolve")).to_be_visible()
    journey.check("resolved")
    concern.refresh_from_db()
    assert not concern.is_open and concern.acknowledged_by == spo
