"""Making and running the plan in a real browser (SFJCCFI2 P28-P36, issue 12), for a person
releasing in six weeks with a locked assessment: the prison offender manager builds the
resettlement plan (goals on four pathways, steps for the person, the POM, the COM and a
partner; a step sent once without its owner: the error shown, the text kept), records the
person's agreement and submits it; builds the risk management plan (key information, actions
naming the risk factors they manage) with two additional licence conditions, each with its risk
and justification (submitted once without: refused); sees "ready for release" blocked by an
unmet decision criterion, meets it (somewhere to live chosen) and marks the person ready; fills
the day-of-release checklist; hands over to the community offender manager, who accepts. The
COM then downloads the three PDFs (rendered to PNG with pdftoppm, their text checked), shares
the plan with the housing partner, whose worker sees only their own step; and records the
release, after which the caseload shows the person on licence. Every page is checked with
axe-core for WCAG 2.2 A and AA violations."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import Organisation, Role, User
from throughcare.core import clock
from throughcare.documents.tests.test_plan_documents import first_page_png, flat, pdf_text
from throughcare.people.models import Person
from throughcare.planning.models import DecisionCriterion
from throughcare.planning.release import queries as release_queries
from throughcare.planning.release.models import Readiness
from throughcare.planning.riskplan.tests.helpers import assessed

from .conftest import PageProblems
from .test_journey import Journey
from .test_pages_accessible import _sign_in

pytestmark = pytest.mark.browser

PARTNER_STEP = "Hold a supported room from the day of release"
GOALS = (
    # pathway, area of need, goal, step, who does it
    (
        "Accommodation",
        "Accommodation",
        "Somewhere settled to live",
        PARTNER_STEP,
        "A partner organisation",
    ),
    (
        "Finance and ID",
        "Finance",
        "A bank account and ID before release",
        "Apply for a birth certificate",
        "The person",
    ),
    (
        "Health",
        "Emotional wellbeing",
        "Registered with a GP near the new address",
        "Register with the GP practice",
        "The community offender manager",
    ),
    (
        "Education, skills and work",
        "Education, training and employability",
        "Work or training within three months",
        "Refer to the prison employment hub",
        "The prison offender manager",
    ),
)


def _date(page: Page, group: str, day: object) -> None:
    fields = page.get_by_role("group", name=group, exact=True)
    fields.get_by_label("Day").fill(str(day.day))  # type: ignore[attr-defined]
    fields.get_by_label("Month").fill(str(day.month))  # type: ignore[attr-defined]
    fields.get_by_label("Year").fill(str(day.year))  # type: ignore[attr-defined]


def _pdf_text(page: Page, url: str, folder: Path, name: str) -> str:
    """Downloads a PDF as the signed-in user, renders its first page to PNG with pdftoppm and
    returns its text (pdftotext), without white space (a value wrapped over two lines reads
    whole)."""
    response = page.request.get(url)
    assert response.status == 200, f"{url}: {response.status}"
    assert response.headers["content-type"] == "application/pdf"
    content = response.body()
    png = first_page_png(content, folder, name)
    assert png.stat().st_size > 5_000, f"{name}: the first page did not render"
    return flat(pdf_text(content, folder, name))


def _goal(page: Page, journey: Journey, pathway: str, area: str, title: str, first: bool) -> None:
    page.get_by_role("button", name="Add a goal").click()
    page.get_by_label("Pathway").select_option(label=pathway)
    page.get_by_label("Area of need").select_option(label=area)
    page.get_by_label("What do they want to achieve?").fill(title)
    _date(page, "Target date", clock.today() + timedelta(days=120))
    if first:
        journey.check("goal-form")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_text(f"Goal added: {title}")).to_be_visible()


def _step(
    page: Page, journey: Journey, goal: str, description: str, owner: str, *, wrong_first: bool
) -> None:
    page.get_by_role("link", name=re.compile(rf"Add a step.*{re.escape(goal)}")).click()
    page.get_by_label("What will be done").fill(description)
    _date(page, "Due date", clock.today() + timedelta(days=21))
    if wrong_first:
        page.get_by_role("button", name="Add the step").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Select who does the step")
        expect(page.get_by_label("What will be done")).to_have_value(description)
        journey.check("step-errors")
    page.get_by_label(owner, exact=True).check()
    if owner == "A partner organisation":
        page.get_by_label("Partner organisation", exact=True).select_option(label="Test Housing")
    page.get_by_role("button", name="Add the step").click()
    expect(page.get_by_text("Step added")).to_be_visible()


def test_the_plan_is_made_handed_over_shared_and_the_person_released(
    page: Page,
    page_problems: PageProblems,
    screenshots: Path,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    organisations: dict[str, Organisation],
    com: User,
    pom: User,
    tmp_path: Path,
) -> None:
    # The default decision criteria come from a data migration, which a live-server test
    # before this one may have flushed away: the organisation's criteria, as an administrator
    # would have them.
    for title, rule, position in import_module(
        "throughcare.planning.migrations.0002_default_criteria"
    ).DEFAULTS:
        DecisionCriterion.objects.get_or_create(
            rule=rule, defaults={"title": title, "position": position}
        )
    person = make_person(release_in_days=42)
    assessed(pom, person, level="medium")
    journey = Journey(page, page_problems, screenshots)
    plan_url = f"/people/{person.pk}/plan/"

    # The POM owns the plan until the handover: the resettlement plan, goal by goal.
    _sign_in(page, live_server, client_for(pom))
    page.goto(plan_url)
    expect(page.get_by_role("heading", name="Plan", exact=True)).to_be_visible()
    journey.check("plan-empty")
    page.goto(f"{plan_url}resettlement/")
    journey.check("resettlement-empty")
    for index, (pathway, area, title, _step_text, _owner) in enumerate(GOALS):
        _goal(page, journey, pathway, area, title, first=index == 0)
    for index, (_pathway, _area, title, step_text, owner) in enumerate(GOALS):
        _step(page, journey, title, step_text, owner, wrong_first=index == 0)
    journey.check("resettlement-goals")

    # The person's agreement, then submitted (medium risk: it locks, self-signed).
    page.get_by_role("button", name="Record the person's agreement").click()
    page.get_by_label("Agreed", exact=True).check()
    journey.check("agreement")
    page.get_by_role("button", name="Record their agreement").click()
    expect(page.get_by_text("The person's agreement was recorded")).to_be_visible()
    page.get_by_role("button", name="Check and submit the plan").click()
    journey.check("resettlement-check")
    page.get_by_role("button", name="Submit the plan").click()
    expect(page.locator("body")).to_contain_text(re.compile("Locked|locked|Signed|signed"))
    journey.check("resettlement-submitted")

    # The risk management plan.
    page.goto(f"{plan_url}risk/")
    journey.check("risk-plan-empty")
    page.get_by_role("link", name=re.compile("key information", re.I)).first.click()
    page.get_by_label(re.compile("current situation", re.I)).fill(
        "Leaving custody to supported housing; drinking drove the offence"
    )
    page.get_by_role("button", name="Save the key information").click()
    for heading, action, factor in (
        ("Supervision", "Weekly appointments at the probation office", "alcohol or drug use"),
        ("Interventions and treatment", "Alcohol treatment sessions each week", "bereavement"),
    ):
        page.get_by_role("link", name=re.compile("Add an action")).first.click()
        page.get_by_label(heading, exact=True).check()
        page.get_by_label("Action", exact=True).fill(action)
        page.get_by_label("By whom").fill("The community offender manager")
        page.get_by_label("When", exact=True).fill("Weekly for the first three months")
        page.get_by_label(re.compile(factor)).first.check()
        page.get_by_role("button", name="Save the action").click()
        expect(page.get_by_text(action).first).to_be_visible()
    journey.check("risk-plan-actions")

    # Two additional licence conditions; the first saved without its risk and justification.
    page.get_by_role("link", name=re.compile("licence conditions", re.I)).first.click()
    journey.check("licence-conditions")
    for text in ("To surrender your passport", "When requested, provide a sample"):
        page.get_by_role("button", name="Choose an additional condition").click()
        page.get_by_role("link", name=re.compile(re.escape(text))).first.click()
        if text.startswith("When"):
            page.get_by_label("The action of the plan it serves").select_option(index=2)
            page.get_by_label("Why it is necessary and proportionate").fill(
                "Drug use preceded the offence; testing shows whether it has returned"
            )
        page.get_by_role("button", name="Save the condition").click()
    page.goto(f"{plan_url}risk/check/")
    page.get_by_role("button", name="Submit the plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("necessary and proportionate")
    journey.check("risk-plan-refused")
    page.goto(f"{plan_url}risk/licence-conditions/")
    page.get_by_role("link", name=re.compile("Change the condition: To surrender")).click()
    page.get_by_label("The action of the plan it serves").select_option(index=1)
    page.get_by_label("Why it is necessary and proportionate").fill(
        "He has family abroad and spoke of leaving the country"
    )
    page.get_by_role("button", name="Save the condition").click()
    page.goto(f"{plan_url}risk/check/")
    journey.check("risk-plan-check")
    page.get_by_role("button", name="Submit the plan").click()
    expect(page.locator("body")).to_contain_text(re.compile("Locked|locked|Signed|signed"))

    # Ready for release: blocked by an unmet criterion (nowhere chosen to live), then met.
    page.goto(f"{plan_url}release/readiness/")
    page.get_by_role("button", name="Mark as ready for release").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(re.compile("accommodation", re.I))
    journey.check("readiness-blocked")
    page.goto(f"/people/{person.pk}/options/")
    page.get_by_role("button", name="Add an option").click()
    page.get_by_label("Where to live", exact=True).check()
    page.get_by_label("Option", exact=True).fill("Safe Harbour supported housing")
    page.get_by_label("Partner organisation that would provide it").select_option(
        label="Test Housing"
    )
    page.get_by_label("Type of accommodation").select_option(label="Supported housing")
    page.get_by_label("Address", exact=True).fill("1 Harbour Row, Northbridge")
    page.get_by_label("Postcode").fill("NB7 1AA")
    page.get_by_role("button", name="Add the option").click()
    page.get_by_role("button", name="Choose this option").click()
    page.get_by_label("Why you chose it", exact=True).fill("Staffed, and far from the victim")
    page.get_by_role("button", name="Choose this option").click()
    expect(page.get_by_text("Option chosen: Safe Harbour supported housing")).to_be_visible()
    page.goto(f"{plan_url}release/readiness/")
    page.get_by_role("button", name="Mark as ready for release").click()
    expect(page.locator("body")).to_contain_text(re.compile("ready for release", re.I))
    journey.check("ready")
    assert Readiness.objects.filter(person=person).exists()

    # The day-of-release checklist.
    page.goto(f"{plan_url}release/day-of-release/")
    journey.check("checklist")
    for group in page.get_by_role("group").all():
        in_place = group.get_by_label("In place", exact=True)
        if in_place.count() == 1:
            in_place.check()
    page.get_by_label("Their community offender manager", exact=True).check()
    page.get_by_label("Next working day at 2pm", exact=True).check()
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)

    # The handover: the POM records it, the COM accepts it.
    page.goto(f"{plan_url}release/handover/")
    _date(page, "Date of the handover", clock.today())
    for label in (
        "The resettlement plan shared",
        "The risk management plan shared",
        "Licence conditions drafted",
        "The day-of-release checklist reviewed",
        "Accommodation confirmed",
    ):
        page.get_by_label(label).check()
    page.get_by_role("group", name="Was a handover meeting held?").get_by_label("Yes").check()
    _date(page, "Date of the handover meeting", clock.today())
    journey.check("handover")
    page.get_by_role("button", name="Record the handover").click()
    _sign_in(page, live_server, client_for(com))
    page.goto(f"{plan_url}release/handover/accept/")
    journey.check("accept")
    page.get_by_role("button", name="Accept the handover").click()
    expect(page.locator("body")).to_contain_text("accepted")
    page.goto(plan_url)
    journey.check("plan-handed-over")

    # The three PDFs, made from the record.
    report = _pdf_text(
        page, f"/people/{person.pk}/documents/pre-release-report.pdf", tmp_path, "report"
    )
    assert person.crn in report and flat("Somewhere settled to live") in report
    risk = _pdf_text(
        page, f"/people/{person.pk}/documents/risk-management-plan.pdf", tmp_path, "risk"
    )
    assert flat("Weekly appointments at the probation office") in risk
    assert flat("He has family abroad and spoke of leaving the country") in risk
    own = _pdf_text(page, f"/people/{person.pk}/documents/your-plan.pdf", tmp_path, "own")
    assert flat("Somewhere settled to live") in own and flat(PARTNER_STEP) in own
    assert "medium" not in own.lower() and "Weekly appointments" not in own
    page.goto(f"/people/{person.pk}/documents/")
    journey.check("documents")

    # Shared with the housing partner: their worker sees only their own step.
    page.goto(f"/people/{person.pk}/access/")
    journey.check("share-form")
    page.get_by_label("Partner organisation").select_option(label="Test Housing")
    page.get_by_label("Purpose of sharing").fill("Supported housing from the day of release")
    page.get_by_role("checkbox", name=re.compile("The resettlement plan")).check()
    _date(page, "Start date", clock.today())
    _date(page, "End date", clock.today() + timedelta(days=180))
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_text("Shared with Test Housing")).to_be_visible()
    worker = make_user(Role.PARTNER, "partner")
    _sign_in(page, live_server, client_for(worker))
    page.goto(plan_url)
    expect(page.locator("main")).to_contain_text(PARTNER_STEP)
    expect(page.locator("main")).not_to_contain_text("Apply for a birth certificate")
    expect(page.locator("main")).not_to_contain_text("Weekly appointments")
    journey.check("partner-plan")

    # The release: the COM records it, and the caseload shows the person on licence.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"{plan_url}release/record/")
    _date(page, "Date of release", clock.today())
    page.get_by_label("Settled accommodation", exact=True).check()
    page.get_by_label("Not yet", exact=True).check()
    journey.check("record-release")
    page.get_by_role("button", name=re.compile("Record the release")).click()
    assert release_queries.stage(person) == "On licence"
    page.goto("/")
    row = page.get_by_role("row").filter(has_text=person.crn)
    expect(row).to_contain_text("On licence")
    journey.check("caseload-on-licence")
    assert not page_problems.script_errors, page_problems.describe()
