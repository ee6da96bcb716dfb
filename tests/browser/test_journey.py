"""A community offender manager's journey through Throughcare in a real browser.

Set up a new account through its invitation (password, authenticator app, recovery codes),
see the caseload, open a person, add a case note (first getting it wrong) and see it in
the timeline, then find the person by part of their name. Every page visited is checked with
axe-core for WCAG 2.2 level A and AA violations, and screenshotted to var/screenshots/.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from throughcare.access.accounts import invitations
from throughcare.access.accounts import services as accounts
from throughcare.access.models import Organisation, Role, User
from throughcare.casework.models import CaseNote
from throughcare.core import clock
from throughcare.demo import builder as demo
from throughcare.people.models import Person

from .axe import assert_accessible
from .conftest import PageProblems

pytestmark = pytest.mark.browser

EMAIL = "sam.whitfield@probation.throughcare.test"
PASSWORD = "a-long-browser-test-password"
NOTE = "Met at the probation office. Talked through the licence conditions and the first week."


def make_caseload() -> tuple[User, list[Person]]:
    """A prison and a probation team, a POM and a COM, and four made-up people allocated to
    both, with sentences and case notes, written by the demo generator."""
    prison = Organisation.objects.create(
        name="HMP Testmoor", kind=Organisation.Kind.PRISON, code="TMI"
    )
    team = Organisation.objects.create(
        name="Testmoor probation team", kind=Organisation.Kind.PROBATION_TEAM, code="TMPT"
    )
    pom = User.objects.create_user(
        "priya.okafor@prison.throughcare.test",
        PASSWORD,
        full_name="Priya Okafor",
        role=Role.POM,
        organisation=prison,
    )
    # The COM's account is new: an administrator made it, and the invitation is still to use.
    com = accounts.create_user(
        by=None,
        email=EMAIL,
        full_name="Sam Whitfield",
        role=Role.COM,
        organisation=team,
        invite=False,
    )
    service = demo.Service(
        organisations={prison.name: prison, team.name: team}, poms=[pom], coms=[com]
    )
    for batch in demo.generate(service, 4, seed=2026, today=clock.today(), notes_per_person=2):
        demo.store(batch, actor=None)
    return com, list(Person.objects.filter(com=com).order_by("family_name", "given_name"))


class Journey:
    """Checks each page the journey reaches and keeps a screenshot of it."""

    def __init__(self, page: Page, problems: PageProblems, screenshots: Path) -> None:
        self.page = page
        self.problems = problems
        self.screenshots = screenshots
        self.count = 0

    def check(self, step: str) -> None:
        self.count += 1
        self.page.wait_for_load_state("load")
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        self.page.screenshot(path=self.screenshots / f"{self.count:02d}-{step}.png", full_page=True)
        assert_accessible(self.page, step)
        if self.problems.failed_responses or self.problems.script_errors:
            raise AssertionError(
                f"Problems loading '{step}' ({self.page.url}):\n{self.problems.describe()}"
            )


def test_com_adds_a_case_note_and_finds_the_person(
    page: Page, page_problems: PageProblems, screenshots: Path
) -> None:
    com, people = make_caseload()
    assert people, "the demo generator allocated nobody to the COM"
    person = people[0]
    today = clock.today()
    journey = Journey(page, page_problems, screenshots)

    # Signing in: the caseload asks for it first.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    journey.check("sign-in")

    # A new account: the link in the invitation email sets the password and the app.
    page.goto(f"/invitation/{invitations.send(user=com, by=None)}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a password")
    journey.check("invitation-password")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a password")
    journey.check("invitation-password-errors")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    # Setting up the authenticator app, as a user would with their phone.
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    journey.check("set-up-two-factor")
    secret = page.get_by_test_id("two-factor-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Security code").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Continue").click()

    # The recovery codes, shown once; then on to the caseload, signed in.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is set up")
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    journey.check("recovery-codes")
    page.get_by_role("button", name="Continue").click()

    # The caseload lists the people allocated to this COM, surname first.
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    expect(page).to_have_title(re.compile("My caseload"))
    caseload = page.get_by_role("table")
    for allocated in people:
        expect(caseload.get_by_role("link", name=allocated.listed_name)).to_be_visible()
    journey.check("caseload")

    # The person's overview.
    caseload.get_by_role("link", name=person.listed_name).click()
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    journey.check("overview")

    # Their activity: the timeline of case notes and the form to add one.
    sections = page.get_by_role("navigation", name="Sections of this record")
    sections.get_by_role("link", name="Activity").click()
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/activity/$"))
    timeline = page.get_by_test_id("timeline")
    expect(timeline.get_by_role("listitem")).to_have_count(2)
    journey.check("activity")

    # Adding a note with nothing filled in: the GOV.UK error summary, linked to the fields.
    note_field = page.get_by_label("Note", exact=True)
    expect(page.get_by_label("Day")).to_have_value(str(today.day))
    expect(page.get_by_label("Month")).to_have_value(str(today.month))
    expect(page.get_by_label("Year")).to_have_value(str(today.year))
    page.get_by_role("button", name="Add note").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    # GOV.UK Frontend's JavaScript moves focus to the summary so screen readers announce it.
    expect(summary).to_be_focused()
    journey.check("activity-error")
    # Each link in the summary moves focus to the field it is about; one of them to the note.
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href") or ""
        assert target.startswith("#"), f"error summary link to {target!r}, not to a field"
        links.nth(index).click()
        expect(page.locator(f"[id='{target[1:]}']")).to_be_focused()
    summary.locator(f"a[href='#{note_field.get_attribute('id')}']").click()
    expect(note_field).to_be_focused()
    assert CaseNote.objects.filter(person=person).count() == 2

    # Filling it in properly.
    page.get_by_label("Contact with the person").check()
    note_field.fill(NOTE)
    page.get_by_role("button", name="Add note").click()
    expect(page).to_have_url(re.compile(rf"/people/{person.pk}/activity/$"))
    expect(page.get_by_text("Case note added")).to_be_visible()
    newest = timeline.get_by_role("listitem").first
    expect(newest).to_contain_text(NOTE)
    expect(newest).to_contain_text("Contact with the person")
    expect(newest).to_contain_text(f"by {com.full_name}")
    expect(timeline.get_by_role("listitem")).to_have_count(3)
    journey.check("activity-note-added")
    note = CaseNote.objects.get(person=person, text=NOTE)
    assert (note.author, note.note_type, note.occurred_on, note.sensitive) == (
        com,
        CaseNote.Type.CONTACT,
        today,
        False,
    )

    # Search: nothing typed is an error; part of the surname finds them.
    page.get_by_role("link", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    journey.check("search")
    search_box = page.get_by_label("Name, CRN, prison number or PNC number")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    journey.check("search-error")
    part = person.family_name[: max(3, len(person.family_name) // 2)].lower()
    search_box.fill(part)
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("table")
    expect(results.get_by_role("link", name=person.listed_name)).to_be_visible()
    journey.check("search-results")
    results.get_by_role("link", name=person.listed_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
