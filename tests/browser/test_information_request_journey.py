"""An information request in a real browser (P9-P12): the COM sends one to the key worker at
the prison (first getting it wrong), the key worker signs in, finds it through "Needs
attention" and answers it, and the COM sees the answer on the record with its source. Every
page is checked with axe-core for WCAG 2.2 A and AA violations."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import Function, Role, User
from throughcare.casework.requests.models import InformationReply
from throughcare.core import clock
from throughcare.people.models import Person

from .conftest import PageProblems
from .test_journey import Journey

pytestmark = pytest.mark.browser


def _sign_in(page: Page, live_server: LiveServer, client: Client) -> None:
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_com_asks_the_key_worker_who_answers_and_the_answer_is_on_the_record(
    page: Page,
    page_problems: PageProblems,
    screenshots: Path,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    key_worker = make_user(Role.POM, "prison", functions=[Function.KEY_WORKER])
    journey = Journey(page, page_problems, screenshots)
    due = clock.today() + timedelta(days=7)

    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/")
    sections = page.get_by_role("navigation", name="Sections of this record")
    sections.get_by_role("link", name="Information requests").click()
    expect(page.get_by_role("heading", name="Information requests", level=2)).to_be_visible()
    journey.check("requests-empty")
    page.get_by_role("button", name="Send an information request").click()
    expect(page.get_by_test_id("who-will-see")).to_contain_text(com.full_name)
    journey.check("request-form")

    # Sent with nothing chosen: every problem at once.
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select who to ask")
    expect(summary).to_contain_text("Enter why you are asking")
    journey.check("request-form-errors")

    page.get_by_label("A role at a prison or probation team").check()
    page.get_by_label("Prison or probation team", exact=True).select_option(label="HMP Testmoor")
    page.get_by_label("Role", exact=True).select_option(label="Key worker")
    page.get_by_label("Why you are asking").fill("Planning release: how has he been on the wing?")
    page.get_by_label("Their behaviour in custody").check()
    page.get_by_label("Programmes they attended, how they took part, and the results").check()
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Information request sent")).to_be_visible()
    expect(page.get_by_test_id("request")).to_contain_text("Key worker, HMP Testmoor")
    journey.check("request-sent")

    # The key worker: told under "Needs attention", answers.
    _sign_in(page, live_server, client_for(key_worker))
    page.goto("/")
    page.get_by_role("link", name=re.compile(r"Needs attention")).click()
    page.get_by_role("link", name="Information request to answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    expect(page.get_by_test_id("request")).to_contain_text(person.crn)
    journey.check("request-to-answer")
    page.get_by_role("button", name="Send answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Answer about their behaviour in custody"
    )
    journey.check("answer-errors")
    page.get_by_label("Their behaviour in custody").fill("Settled; works in the kitchens.")
    page.get_by_label("Programmes they attended, how they took part, and the results").fill(
        "Completed Thinking Skills in June."
    )
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("Your answer has been sent")).to_be_visible()
    journey.check("answer-sent")
    opened = page.goto(f"/people/{person.pk}/")
    assert opened is not None and opened.status == 200  # as before: the prison's team

    # The COM sees the answer on the record, with its source and date.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/requests/")
    expect(page.get_by_test_id("reply")).to_contain_text("Settled; works in the kitchens.")
    expect(page.get_by_test_id("reply-source")).to_contain_text(
        f"The prison: {key_worker.full_name} (Key worker, HMP Testmoor)"
    )
    journey.check("answer-on-record")
    reply = InformationReply.objects.get(person=person)
    assert reply.obtained_on == clock.today() and reply.created_by == key_worker
