"""Every kind of page, for the role that uses it, in Debian's Chromium: axe-core finds no
WCAG 2.2 A or AA violation, the Content Security Policy blocks nothing, and forms shown with
their errors are as accessible as without."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from throughcare.access import services as access_services
from throughcare.access.accounts import invitations
from throughcare.access.accounts import services as accounts
from throughcare.access.commands import Exclusion, ShareRequest
from throughcare.access.models import Organisation, Role, User
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewPerson, NewSentence, NewVictim, PersonChanges
from throughcare.people.models import Person

from .axe import assert_accessible
from .conftest import PageProblems

pytestmark = pytest.mark.browser


def _sign_in(page: Page, live_server: LiveServer, client: Client) -> None:
    """Gives the browser the session of a test client already signed in with both factors."""
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _check(page: Page, problems: PageProblems, folder: Path, name: str, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 500, f"{name}: {url}"
    page.wait_for_load_state("load")
    page.screenshot(path=folder / f"{name}.png", full_page=True)
    assert_accessible(page, name)
    assert not problems.script_errors, f"{name}: {problems.describe()}"


@pytest.fixture
def world(
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    pom: User,
) -> dict[str, Any]:
    today = clock.today()
    person = people_services.create_person(
        user=com,
        details=NewPerson(
            given_name="Alex",
            family_name="Example",
            date_of_birth=today.replace(year=today.year - 33),
            sex="male",
            prison=organisations["prison"],
            prison_number="A1234BC",
            pom=pom,
            com=com,
        ),
    )
    sentence = people_services.add_sentence(
        user=com,
        person=person,
        sentence=NewSentence.from_cleaned(
            {
                "sentence_type": "sds",
                "sentence_date": today - timedelta(days=300),
                "crd": today + timedelta(days=40),
                "sed": today + timedelta(days=400),
            }
        ),
    )
    casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": today, "text": "Talked about housing."}
        ),
    )
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned({"name": "A Victim", "relationship": "neighbour"}),
    )
    spo = make_user(Role.SPO, "team")
    access_services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing on release",
            sections=("identity", "sentence", "case_notes"),
            start_date=today,
            end_date=today + timedelta(days=60),
        ),
    )
    # A note with both badges on the timeline, and a row in the unexpected-access table.
    casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "observation",
                "occurred_on": today,
                "text": "Disclosed a worry about a family member.",
                "sensitive": True,
                "withheld_from_partners": True,
            }
        ),
    )
    access_services.break_glass(
        user=make_user(Role.COM, "other_team"),
        person=person,
        session_key="another-browser",
        reason="Duty officer: he has reported to our office",
    )
    stranger = make_user(Role.COM, "other_team")
    excluded = make_user(Role.COM, "team")
    with_codes = make_user(Role.COM, "team")
    TOTPDevice.objects.create(user=with_codes, name="App", confirmed=True)
    invitations.new_recovery_codes(with_codes)
    # A row in the report of changes that widened access.
    accounts.create_user(
        by=None,
        email="new.senior@test.example",
        full_name="New Senior",
        role=Role.SPO,
        organisation=organisations["team"],
        invite=False,
    )
    access_services.exclude_user(
        by=spo, person=person, exclusion=Exclusion(user=excluded, reason="Knows them")
    )
    return {
        "person": person,
        "sentence": sentence,
        "com": com,
        "spo": spo,
        "stranger": stranger,
        "excluded": excluded,
        "partner": make_user(Role.PARTNER, "partner"),
        "admin": make_user(Role.ADMIN, None),
        "no app": make_user(Role.COM, "team"),
        "with codes": with_codes,
        "invitation": invitations.send(user=make_user(Role.COM, "team"), by=None),
    }


def test_every_kind_of_page_is_accessible(
    page: Page,
    live_server: LiveServer,
    page_problems: PageProblems,
    screenshots: Path,
    client_for: Callable[[User], Client],
    world: dict[str, Any],
) -> None:
    folder = screenshots / "pages"
    folder.mkdir(exist_ok=True)
    person: Person = world["person"]
    pid = person.pk
    visits: dict[str, list[tuple[str, str]]] = {
        "com": [
            ("caseload", reverse("caseload:caseload")),
            ("search", reverse("caseload:search")),
            ("add-person", reverse("caseload:create")),
            ("overview", reverse("record:overview", args=[pid])),
            ("activity", reverse("casework:activity", args=[pid])),
            ("change-details", reverse("record:change", args=[pid])),
            ("add-sentence", reverse("record:sentence-create", args=[pid])),
            ("add-offence", reverse("record:offence-create", args=[pid, world["sentence"].pk])),
            ("add-victim", reverse("record:victim-create", args=[pid])),
            ("add-other-name", reverse("record:alias-create", args=[pid])),
            ("sharing-and-access", reverse("sharing:person", args=[pid])),
            ("documents", reverse("documents:index", args=[pid])),
            ("subject-access", reverse("documents:subject-access", args=[pid])),
            ("who-has-seen", reverse("oversight:who-has-seen", args=[pid])),
            ("not-found", "/people/00000000-0000-4000-8000-000000000000/"),
        ],
        "spo": [
            ("reallocate", reverse("record:reallocate", args=[pid])),
            ("sharing-and-access-spo", reverse("sharing:person", args=[pid])),
            ("unexpected-access", reverse("oversight:unexpected-access")),
            ("audit-users", reverse("oversight:users")),
            ("account-changes", reverse("oversight:account-changes")),
            ("user-activity", reverse("oversight:user-activity", args=[world["com"].pk])),
        ],
        "stranger": [("break-glass", reverse("access:break-glass", args=[pid]))],
        "excluded": [("restricted", reverse("record:overview", args=[pid]))],
        "partner": [
            ("partner-landing", reverse("caseload:caseload")),
            ("partner-overview", reverse("record:overview", args=[pid])),
            ("partner-activity", reverse("casework:activity", args=[pid])),
        ],
        "admin": [
            ("audit-export", reverse("oversight:export")),
            ("account-changes-admin", reverse("oversight:account-changes")),
            ("invitation-signed-in", reverse("access:invitation", args=[world["invitation"]])),
        ],
        # Signed in with the password only.
        "no app": [("two-factor-no-app", reverse("access:two-factor-set-up"))],
        "with codes": [
            ("two-factor-code", reverse("access:two-factor")),
            ("recovery-code", reverse("access:recovery-code")),
        ],
    }
    for who, pages in visits.items():
        if who in ("no app", "with codes"):
            half = Client()
            half.force_login(world[who])
            _sign_in(page, live_server, half)
        else:
            _sign_in(page, live_server, client_for(world[who]))
        for name, url in pages:
            _check(page, page_problems, folder, name, url)
    page.context.clear_cookies()
    _check(
        page,
        page_problems,
        folder,
        "invitation-not-valid",
        reverse("access:invitation", args=["an-expired-link"]),
    )

    # Forms shown again with their errors.
    _sign_in(page, live_server, client_for(world["com"]))
    for name, url, button in (
        ("add-person-errors", reverse("caseload:create"), "Save person"),
        ("add-sentence-errors", reverse("record:sentence-create", args=[pid]), "Save sentence"),
        ("sharing-errors", reverse("sharing:person", args=[pid]), "Share"),
    ):
        page.goto(url)
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state("load")
        assert "There is a problem" in page.content(), name
        page.screenshot(path=folder / f"{name}.png", full_page=True)
        assert_accessible(page, name)

    # Saving details that someone else changed meanwhile: MoJ's warning alert says what changed.
    page.goto(reverse("record:change", args=[pid]))
    people_services.update_person(
        user=world["com"],
        person=person,
        changes=PersonChanges(first_language="Welsh"),
        expected_version=person.version,
    )
    page.get_by_role("button", name="Save details", exact=True).click()
    page.wait_for_load_state("load")
    alert = page.get_by_role("region", name="warning: What the other person changed")
    assert "Welsh" in alert.inner_text()
    page.screenshot(path=folder / "change-details-stale.png", full_page=True)
    assert_accessible(page, "change-details-stale")
    assert not page_problems.script_errors, page_problems.describe()
