"""Release options in a real browser (P23-P26, P31-P33), for a person releasing in six weeks:
the COM adds three places to live (one at a victim's postcode), weighs each on P25.1-P25.6
(first getting it wrong: the error shown, the text kept), sees the conflict, compares them side
by side, chooses one that does not conflict with reasons, records a barrier and alerts the
housing provider with a referral; the provider's partner worker signs in and accepts it; the
COM sees the acceptance on the option. Every page is checked with axe-core for WCAG 2.2 A and
AA violations."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access.models import Organisation, Role, User
from throughcare.core import clock
from throughcare.partners.models import Referral
from throughcare.people.models import Person
from throughcare.planning.models import Option
from throughcare.planning.tests.helpers import VICTIM_POSTCODE, victim

from .conftest import PageProblems
from .test_journey import Journey
from .test_pages_accessible import _sign_in

pytestmark = pytest.mark.browser

POINTS = ("P25.1", "P25.2", "P25.3", "P25.4", "P25.5", "P25.6")
PLACES = (
    ("His mother's flat", "12 Acacia Road, Northbridge", VICTIM_POSTCODE, ""),
    ("Safe Harbour supported housing", "1 Harbour Row, Northbridge", "NB7 1AA", "Test Housing"),
    ("Private flat on Mill Lane", "8 Mill Lane, Northbridge", "NB8 2BB", ""),
)
EVIDENCE = "Far from the victim; staffed day and night"
ASKED = "A supported room from the day of release, with a key worker"


def _add_option(
    page: Page,
    journey: Journey,
    title: str,
    address: str,
    postcode: str,
    provider: str,
    first: bool,
) -> None:
    page.get_by_role("button", name="Add an option").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a release option")
    if first:
        journey.check("option-form")
    page.get_by_label("Where to live", exact=True).check()
    page.get_by_label("Option", exact=True).fill(title)
    if provider:
        page.get_by_label("Partner organisation that would provide it").select_option(
            label=provider
        )
    page.get_by_label("Type of accommodation").select_option(
        label="Supported housing" if provider else "Family or partner's address"
    )
    page.get_by_label("Address", exact=True).fill(address)
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_role("button", name="Add the option").click()
    expect(page.get_by_text(f"Option added: {title}")).to_be_visible()
    page.get_by_role("link", name="Back to options").click()


def _evaluate(page: Page, journey: Journey, title: str, rating: str, *, wrong_first: bool) -> None:
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_role("button", name="Evaluate the option").click()
    if wrong_first:
        # A rating without its evidence, beside evidence typed for the next point.
        page.get_by_role("group", name=re.compile(r"^P25\.1:")).get_by_label(rating).check()
        page.get_by_label("P25.2: the evidence").fill(EVIDENCE)
        page.get_by_label("The person", exact=True).check()
        page.get_by_role("button", name="Save the evaluation").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Enter the evidence for P25.1")
        expect(page.get_by_label("P25.2: the evidence")).to_have_value(EVIDENCE)
        journey.check("evaluate-errors")
    for point in POINTS:
        page.get_by_role("group", name=re.compile(rf"^{re.escape(point)}:")).get_by_label(
            rating
        ).check()
        page.get_by_label(f"{point}: the evidence").fill(f"{EVIDENCE} ({point})")
    page.get_by_label("The person", exact=True).check()
    today = clock.today()
    date_group = page.get_by_role("group", name="Date obtained")
    date_group.get_by_label("Day").fill(str(today.day))
    date_group.get_by_label("Month").fill(str(today.month))
    date_group.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save the evaluation").click()
    expect(page.get_by_text("Evaluation saved")).to_be_visible()
    page.get_by_role("link", name="Back to options").click()


def test_the_com_weighs_three_places_chooses_one_and_the_provider_accepts_the_referral(
    page: Page,
    page_problems: PageProblems,
    screenshots: Path,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    organisations: dict[str, Organisation],
    com: User,
) -> None:
    person = make_person(release_in_days=42)
    victim(com, person)
    worker = make_user(Role.PARTNER, "partner")
    journey = Journey(page, page_problems, screenshots)

    # The COM opens the Options section and adds three places to live.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/options/")
    expect(page.get_by_role("heading", name="Release options")).to_be_visible()
    journey.check("options-empty")
    for index, (title, address, postcode, provider) in enumerate(PLACES):
        _add_option(page, journey, title, address, postcode, provider, first=index == 0)
    journey.check("options-added")
    assert Option.objects.filter(person=person).count() == 3

    # Each is weighed on P25.1-P25.6; the first evaluation is sent wrong once.
    for index, (title, *_rest) in enumerate(PLACES):
        rating = "Against" if index == 0 else "In favour"
        _evaluate(page, journey, title, rating, wrong_first=index == 1)

    # The conflict: on the Options section, and on the option.
    conflicted = page.get_by_role("row").filter(has_text=PLACES[0][0])
    expect(conflicted).to_contain_text("Conflict")
    page.get_by_role("link", name=PLACES[0][0], exact=True).first.click()
    expect(page.locator(".govuk-warning-text")).to_contain_text("This option has a conflict")
    journey.check("option-with-conflict")

    # Side by side.
    page.get_by_role("link", name=re.compile("Compare with the other options")).click()
    expect(page.locator("table")).to_contain_text("Safe Harbour supported housing")
    expect(page.locator("table")).to_contain_text("Private flat on Mill Lane")
    journey.check("compare")

    # Chosen, with reasons: the one that does not conflict, with a provider.
    page.get_by_role("link", name="Back to options").click()
    page.get_by_role("link", name=PLACES[1][0], exact=True).first.click()
    page.get_by_role("button", name="Choose this option").click()
    page.get_by_label("Why you chose it", exact=True).fill(
        "Away from the victim, staffed, and near his GP"
    )
    journey.check("choose")
    page.get_by_role("button", name="Choose this option").click()
    expect(page.get_by_text(f"Option chosen: {PLACES[1][0]}")).to_be_visible()
    journey.check("chosen")

    # A barrier against it.
    page.get_by_role("link", name="Back to options").click()
    page.get_by_role("button", name="Record a barrier").click()
    page.get_by_label("Organisational", exact=True).check()
    page.get_by_label("Option it stands in the way of").select_option(
        label=f"{PLACES[1][0]} (where to live)"
    )
    page.get_by_label("The barrier", exact=True).fill("No room free before the release date")
    page.get_by_label("How it is being challenged").fill("Asked the provider's manager")
    journey.check("barrier-form")
    page.get_by_role("button", name="Record the barrier").click()
    expect(page.get_by_text("Barrier recorded")).to_be_visible()
    journey.check("options-with-barrier")

    # The housing provider is alerted: what will be shared is shown first.
    page.get_by_role("link", name=PLACES[1][0], exact=True).first.click()
    page.get_by_role("button", name="Alert Test Housing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alert Test Housing")
    expect(page.get_by_role("heading", name="What will be shared")).to_be_visible()
    journey.check("alert-form")
    page.get_by_label("A referral (for a place or a service)").check()
    page.get_by_label("What you are asking of them").fill(ASKED)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("A referral sent to Test Housing")).to_be_visible()
    journey.check("referral-sent")
    referral = Referral.objects.get()

    # The provider's partner worker: "Referrals to us", the referral, accepted.
    _sign_in(page, live_server, client_for(worker))
    page.goto("/")
    expect(page.get_by_role("table", name="Referrals to us")).to_contain_text(person.crn)
    journey.check("partner-landing")
    page.get_by_role("link", name=person.listed_name).click()
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))
    expect(page.get_by_text(ASKED)).to_be_visible()
    journey.check("partner-referral")
    page.get_by_label("Accept", exact=True).check()
    page.get_by_label("A note with your acceptance").fill("Room 4 is held for him")
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_text("Your answer was sent")).to_be_visible()

    # The COM sees the acceptance on the option.
    _sign_in(page, live_server, client_for(com))
    page.goto(f"/people/{person.pk}/options/{referral.option_id}/")
    alerted = page.get_by_role("table", name="Organisations alerted")
    expect(alerted).to_contain_text("Accepted")
    expect(alerted).to_contain_text("Room 4 is held for him")
    journey.check("option-accepted")
    assert not page_problems.script_errors, page_problems.describe()
