"""The assessment of risk in a real browser (issue 10, P16-P22): the COM, a probation officer,
assesses a person from what was gathered (a submitted interview and the prison's reply):
section by section, the OGRS3 page showing the record's inputs and then the sum term by term
(after a value refused first); the sources section finds the police's domestic abuse
information missing, offers the request filled in, and takes the reason to go ahead. Submitted
at high risk, it goes to the team's SPO, who returns it with comments; the COM changes the
judgement and submits it again; the SPO countersigns and the caseload shows the level and the
OGRS3 band. Then the COM reassesses, raises the level for the public in the community, the SPO
countersigns, and the compare page shows what changed, field by field. Every page is checked
with axe-core for WCAG 2.2 A and AA violations."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import Function, Grade, Role, User
from throughcare.access.policy import Access, Relation
from throughcare.assessment.models import Assessment
from throughcare.assessment.sections import SECTIONS
from throughcare.casework.requests import services as requests
from throughcare.casework.requests.models import RecipientKind, Topic
from throughcare.core import clock
from throughcare.demo import assessments as demo_assessments
from throughcare.demo import interviews as demo_interviews
from throughcare.people import services as people_services
from throughcare.people.commands import NewOffence
from throughcare.people.models import Person
from throughcare.records.lifecycle import State

from .conftest import PageProblems
from .test_journey import Journey

pytestmark = pytest.mark.browser

RETURNED = "Say why your judgement is lower than his drinking suggests."
WHY_GO_AHEAD = "Police were asked on 20 November and have not replied; release is close."


def _sign_in(page: Page, live_server: LiveServer, client: Client) -> None:
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _gathered(com: User, person: Person, key_worker: User) -> None:
    """What gathering holds: the main offence, a submitted interview, the prison's reply."""
    sentence = person.sentences.get()
    people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence(
            description="Assault occasioning actual bodily harm",
            conviction_date=clock.today() - timedelta(days=400),
            ogrs3_category="Violence",
            is_main=True,
        ),
    )
    access = Access(com, person, Relation.ALLOCATED)
    demo_interviews.complete(access)
    assert person.prison is not None
    asked = requests.send_request(
        user=com,
        access=access,
        new=requests.NewRequest(
            recipient_kind=RecipientKind.FUNCTION,
            organisation=person.prison,
            function=Function.KEY_WORKER,
            purpose="Planning release: how has he been on the wing?",
            topics=(Topic.BEHAVIOUR,),
            due_on=clock.today() + timedelta(days=7),
        ),
    )
    requests.answer_request(
        user=key_worker,
        request=asked,
        reply=requests.NewReply(answers={Topic.BEHAVIOUR: "Settled; works in the kitchens."}),
    )


def _fill(page: Page, values: dict[str, Any]) -> None:
    """Answers a section as the demo does, each box found by the name it posts."""
    for name, value in values.items():
        if value in ("", []):
            continue
        chosen = value if isinstance(value, list) else [value]
        first = page.locator(f'[name="{name}"]').first
        kind = first.get_attribute("type") or first.evaluate("e => e.tagName.toLowerCase()")
        if kind in ("radio", "checkbox"):
            for item in chosen:
                page.locator(f'[name="{name}"][value="{item}"]').check()
        elif kind == "select":
            first.select_option(str(value))
        else:
            first.fill(str(value))


def _save(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def _section(page: Page, journey: Journey, key: str, values: dict[str, Any]) -> None:
    title = next(section.title for section in SECTIONS if section.key == key)
    expect(page.get_by_role("heading", name=title, level=2)).to_be_visible()
    journey.check(f"assessment-{key}")
    _fill(page, values)
    _save(page)
    expect(page.locator(".govuk-error-summary")).to_have_count(0)


def _review(page: Page, journey: Journey, step: str) -> None:
    """The SPO, from "Needs attention", opens the assessment waiting for them."""
    page.goto("/")
    page.get_by_role("link", name=re.compile(r"Needs attention")).click()
    journey.check(f"{step}-attention")
    page.get_by_role("link", name=re.compile(r"countersign", re.IGNORECASE)).first.click()
    expect(page.get_by_role("button", name="Countersign")).to_be_visible()
    expect(page.get_by_text("The overall risk of serious harm is")).to_be_visible()
    journey.check(f"{step}-review")


def test_an_assessment_is_written_returned_countersigned_and_reassessed(
    page: Page,
    page_problems: PageProblems,
    screenshots: Path,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    com.grade = Grade.PO
    com.save()
    spo = make_user(Role.SPO, "team")
    key_worker = make_user(Role.POM, "prison", functions=[Function.KEY_WORKER])
    _gathered(com, person, key_worker)
    answers = demo_assessments.answers("high", person=person)
    journey = Journey(page, page_problems, screenshots)

    # The COM starts the assessment from the Assessment section of the record.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/")
    sections = page.get_by_role("navigation", name="Sections of this record")
    sections.get_by_role("link", name="Assessment", exact=True).click()
    expect(page.get_by_text("There is no assessment of risk yet")).to_be_visible()
    journey.check("assessment-none")
    page.get_by_role("button", name="Start an assessment").click()
    expect(page.get_by_role("heading", name="Assessment of risk", level=2)).to_be_visible()
    journey.check("assessment-task-list")

    # Sources: they have a partner, so the police's domestic abuse information is needed.
    page.get_by_role("link", name="Sources: is there enough to assess?").click()
    _fill(
        page,
        {"partner_or_ex_partner": "yes", "children_in_contact": "no", "attended_programmes": "no"},
    )
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("link", name="Sources: is there enough to assess?").click()
    table = page.get_by_test_id("sufficiency")
    police = table.get_by_role("row").filter(has_text="olice domestic abuse")
    expect(police).to_contain_text("Missing")
    expect(table.get_by_role("row").filter(has_text="Interview")).to_contain_text("Present")
    expect(table.get_by_role("row").filter(has_text="ustody")).to_contain_text("Present")
    journey.check("assessment-sources")
    police.get_by_role("link", name=re.compile("Request it")).click()
    expect(page.get_by_label("Why you are asking")).to_have_value(re.compile("domestic abuse"))
    expect(page.get_by_label("A partner organisation")).to_be_checked()
    journey.check("assessment-request-filled-in")
    page.go_back()
    page.get_by_label("why the assessment can go ahead").fill(WHY_GO_AHEAD)
    _save(page)

    _section(page, journey, "summary", answers["summary"])
    _section(page, journey, "needs", answers["needs"])

    # OGRS3: the record's inputs with their source; a wrong count refused, what was typed kept.
    expect(page.get_by_role("heading", name="Likelihood of reoffending: OGRS3")).to_be_visible()
    inputs = page.get_by_test_id("ogrs3-inputs")
    expect(inputs).to_contain_text("From the person's record (identity)")
    expect(inputs).to_contain_text("Violence")
    _fill(page, {**answers["ogrs3"], "previous_sanctions": "four"})
    _save(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Where the criminal history came from")).to_have_value(
        answers["ogrs3"]["history_source"]
    )
    journey.check("assessment-ogrs3-error")
    page.get_by_label("Number of previous sanctions").fill(answers["ogrs3"]["previous_sanctions"])
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("link", name="Likelihood of reoffending: OGRS3").click()
    expect(page.get_by_test_id("ogrs3-sum")).to_contain_text("Sum")
    expect(page.get_by_test_id("ogrs3-result")).to_contain_text("Band")
    journey.check("assessment-ogrs3-sum")
    _save(page)

    _section(page, journey, "factors", answers["factors"])
    _section(page, journey, "likelihood", answers["likelihood"])
    _section(page, journey, "rosh", answers["rosh"])
    _section(page, journey, "other-risks", answers["other-risks"])
    _section(page, journey, "evaluation", answers["evaluation"])
    _section(page, journey, "community", answers["community"])
    _section(page, journey, "domestic-abuse", answers["domestic-abuse"])
    _section(page, journey, "safeguarding", answers["safeguarding"])
    _section(page, journey, "contributions", answers["contributions"])

    # Check your answers, then submitted: at high risk it needs countersigning.
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    journey.check("assessment-check-answers")
    page.get_by_role("button", name="Submit the assessment").click()
    expect(page.get_by_test_id("submitted")).to_contain_text("Assessment submitted")
    journey.check("assessment-submitted")

    # The SPO returns it with comments.
    _sign_in(page, live_server, client_for(spo))
    _review(page, journey, "spo-first")
    # Why it went ahead without a source: the author's note to the countersigner.
    note = page.get_by_text("Sources missing or out of date: police domestic abuse")
    expect(note).to_contain_text(WHY_GO_AHEAD)
    page.get_by_label("Comments").fill(RETURNED)
    page.get_by_role("button", name="Return with comments").click()
    expect(page.get_by_text("returned to its author")).to_be_visible()
    journey.check("spo-returned")

    # The COM sees the comments, changes the judgement and submits again.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/assessment/")
    page.get_by_role("link", name="Continue the assessment").click()
    expect(page.get_by_test_id("returned")).to_contain_text(RETURNED)
    journey.check("com-returned")
    page.get_by_role("link", name="Likelihood of reoffending: your judgement").click()
    page.get_by_label("High", exact=True).check()
    page.get_by_label("Why your judgement differs from the OGRS3 band").fill(
        "His drinking has escalated since his last conviction: the score understates it."
    )
    _save(page)  # complete: saved "to come back later", a section is not
    page.get_by_role("link", name="Back to the task list").click()
    page.get_by_role("link", name="Check your answers").click()
    page.get_by_role("button", name="Submit the assessment").click()
    expect(page.get_by_test_id("submitted")).to_contain_text("Assessment submitted")

    # The SPO countersigns; the caseload shows the level and the OGRS3 band.
    _sign_in(page, live_server, client_for(spo))
    _review(page, journey, "spo-second")
    page.get_by_role("button", name="Countersign").click()
    expect(page.get_by_text("countersigned and locked")).to_be_visible()
    journey.check("spo-countersigned")
    assessment = Assessment.objects.get(person=person)
    assert assessment.rosh_level == "high" and assessment.ogrs3_band
    _sign_in(page, live_server, client_for(com))
    page.goto("/")
    row = page.get_by_role("row").filter(has_text=person.crn)
    expect(row).to_contain_text("High")
    expect(row).to_contain_text(assessment.ogrs3_band)
    journey.check("caseload-assessed")

    # Reassessed: the public's level in the community raised; the SPO countersigns it.
    page.goto(f"/people/{person.pk}/assessment/")
    journey.check("assessment-current")
    page.get_by_role("button", name="Reassess").click()
    expect(page.get_by_text("Filled in from version 1")).to_be_visible()
    page.get_by_role("link", name="Risk of serious harm", exact=True).click()
    page.get_by_role("group", name="Risk to the public in the community").get_by_label(
        "Very high"
    ).check()
    _save(page)  # complete: saved "to come back later", a section is not
    page.get_by_role("link", name="Back to the task list").click()
    page.get_by_role("link", name="Check your answers").click()
    page.get_by_role("button", name="Submit the assessment").click()
    expect(page.get_by_test_id("submitted")).to_contain_text("Assessment submitted")
    _sign_in(page, live_server, client_for(spo))
    _review(page, journey, "spo-third")
    page.get_by_role("button", name="Countersign").click()
    expect(page.get_by_text("countersigned and locked")).to_be_visible()

    # What changed between the two versions, field by field.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/assessment/")
    page.get_by_role("link", name="Every version, and what changed between them").click()
    journey.check("assessment-versions")
    page.get_by_role("link", name="What changed").first.click()
    changed = page.get_by_role("row").filter(has_text="Risk to the public in the community")
    expect(changed).to_contain_text("High")
    expect(changed).to_contain_text("Very high")
    expect(page.get_by_role("row").filter(has_text="Overall risk of serious harm")).to_contain_text(
        "Very high"
    )
    journey.check("assessment-compare")
    versions = list(person.document_versions.order_by("number").values_list("state", flat=True))
    assert versions == [State.LOCKED, State.LOCKED]
    assert not page_problems.script_errors, page_problems.describe()
