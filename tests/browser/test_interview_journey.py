"""The interview with the person in a real browser (issue 9, P1-P8 and P15): a community
offender manager interviews a demo person through every section over two sittings (the clock
moved on a day between them), amends an answer from the first sitting, checks the answers,
goes through the summary with the person and records their agreement with one correction,
then downloads their copy. Every page is checked with axe-core and screenshotted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import User
from throughcare.audit.models import RecordType
from throughcare.casework.interview.questions import SECTIONS
from throughcare.casework.models import Amendment, Interview, InterviewAnswer
from throughcare.core import clock
from throughcare.demo.interviews import ANSWERS

from .conftest import PageProblems
from .test_journey import Journey, make_caseload

pytestmark = pytest.mark.browser

CORRECTION = "It is my brother who may have a room, not my sister."
AMENDMENT = "Later added that the debt was to a dealer."


def _sign_in(page: Page, live_server: LiveServer, client: Client) -> None:
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _fill(page: Page, key: str) -> None:
    """Types the demo answers for a section, as a practitioner would, by each question's label."""
    form = next(section.form for section in SECTIONS if section.key == key)
    for name, value in ANSWERS[key].items():
        field = form.base_fields[name]
        label = str(field.label)
        if isinstance(field, forms.BooleanField):
            page.get_by_label(label, exact=True).check()
        elif isinstance(field, forms.ChoiceField):
            choices: Any = field.choices
            choice = dict(choices)[value]
            page.get_by_role("group", name=label).get_by_label(str(choice), exact=True).check()
        else:
            page.get_by_label(label, exact=True).fill(value)


def _section(page: Page, journey: Journey, key: str) -> None:
    title = next(section.title for section in SECTIONS if section.key == key)
    expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()
    journey.check(f"interview-{key}")
    _fill(page, key)
    page.get_by_role("button", name="Save and continue").click()


def test_interview_over_two_sittings_summary_agreed_with_a_correction(
    page: Page,
    live_server: LiveServer,
    page_problems: PageProblems,
    screenshots: Path,
    client_for: Callable[[User], Client],
) -> None:
    com, people = make_caseload()
    person = people[0]
    journey = Journey(page, page_problems, screenshots)
    _sign_in(page, live_server, client_for(com))

    # The first sitting: the Information section of the record, an interview started.
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Information").click()
    journey.check("information")
    page.get_by_role("button", name="Start or continue an interview").click()
    expect(page.get_by_role("heading", name="Interview with the person")).to_be_visible()
    journey.check("interview-task-list")
    page.get_by_role("link", name=SECTIONS[0].title).click()
    # Who will see it, from the access policy: the allocated staff by name.
    expect(page.get_by_test_id("who-will-see")).to_contain_text(com.full_name)
    # A required answer left out: a GOV.UK error, and what was typed is kept.
    page.get_by_label("How they prefer to communicate", exact=True).fill("In writing")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select did they need")
    expect(page.get_by_label("How they prefer to communicate", exact=True)).to_have_value(
        "In writing"
    )
    journey.check("interview-opening-error")
    for key in ("opening", "offending", "circumstances", "victims"):
        _section(page, journey, key)
    page.get_by_role("link", name="Back to the task list").click()
    expect(page.locator(".govuk-task-list")).to_contain_text("Completed")
    journey.check("interview-task-list-first-sitting")

    # The second sitting, the next day: signed in again.
    clock.advance(timedelta(days=1))
    _sign_in(page, live_server, client_for(com))
    interview = Interview.objects.get(person=person)
    page.goto(f"/people/{person.pk}/information/interviews/{interview.pk}/offending/")
    # Yesterday's answers are read only now: amend one, the original kept beside it.
    expect(page.get_by_role("button", name="Save and continue")).to_be_visible()
    page.get_by_role("link", name="Add an amendment to Why they think it happened").click()
    journey.check("interview-amend")
    page.get_by_label("Amendment", exact=True).fill(AMENDMENT)
    page.get_by_role("button", name="Add amendment").click()
    expect(page.get_by_test_id("amendment")).to_contain_text(AMENDMENT)
    journey.check("interview-amended")
    page.get_by_role("link", name="Back to the task list").click()
    page.get_by_role("link", name=SECTIONS[4].title).click()
    for key in (
        "release-effect",
        "release-plans",
        "supervision",
        "extreme-views",
        "behaviour",
        "observations",
    ):
        _section(page, journey, key)

    # Check your answers, then the summary gone through with the person.
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    journey.check("interview-check-answers")
    page.get_by_role("button", name="Go through the summary with them").click()
    expect(page.get_by_test_id("summary")).to_contain_text("Stay with my sister")
    journey.check("interview-summary")
    page.get_by_role("group", name="What did they say about the summary?").get_by_label(
        "They agreed once it was corrected"
    ).check()
    page.get_by_label("What they wanted corrected, in their words").fill(CORRECTION)
    page.get_by_role("button", name="Record their response").click()
    expect(page.get_by_test_id("correction")).to_contain_text(CORRECTION)
    expect(page.get_by_test_id("summary")).to_contain_text("Stay with my sister")
    journey.check("interview-summary-agreed")

    # Their copy, as a PDF.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download their copy (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    interview.refresh_from_db()
    assert interview.response == Interview.Response.CORRECTED
    dates = set(
        InterviewAnswer.objects.filter(interview=interview).values_list("obtained_on", flat=True)
    )
    assert dates == {clock.today() - timedelta(days=1), clock.today()}  # two sittings
    why = InterviewAnswer.objects.get(interview=interview, field="why")
    assert why.value == ANSWERS["offending"]["why"]  # the original, never changed
    assert Amendment.objects.filter(record_type=RecordType.INTERVIEW_ANSWER).count() == 1
    assert not page_problems.script_errors, page_problems.describe()
