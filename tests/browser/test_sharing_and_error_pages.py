"""The sharing and access page and the service's error pages, in Debian's Chromium, each state
checked with axe-core: restricting names whom it would lock out; ending sharing asks first;
opening a post-only address goes back to its page; a missing page is the service's own, with
DEBUG on too."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access import services as access_services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import AccessRestriction, Organisation, Role, SharingAgreement, User
from throughcare.audit.models import AuditEvent
from throughcare.core import clock
from throughcare.people.models import Person

from .axe import assert_accessible
from .test_pages_accessible import _sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in(
    page: Page, live_server: LiveServer, client_for: Callable[[User], Client]
) -> Callable[[User], Page]:
    def sign_in(user: User) -> Page:
        _sign_in(page, live_server, client_for(user))
        return page

    return sign_in


def test_restricting_names_the_allocated_staff_it_would_lock_out(
    signed_in: Callable[[User], Page],
    screenshots: Path,
    make_user: Callable[..., User],
    pom: User,
    com: User,
    person: Person,
) -> None:
    spo = make_user(Role.SPO, "team")
    colleague = make_user(Role.POM, "prison")
    page = signed_in(spo)
    page.goto(reverse("sharing:person", args=[person.pk]))
    who = page.get_by_role("group", name="Who may see this record")
    # The allocated POM, of the prison rather than the SPO's team, is offered and chosen.
    expect(who.get_by_label(re.compile(re.escape(pom.full_name)))).to_be_checked()
    expect(who.get_by_label(re.compile(re.escape(com.full_name)))).to_be_checked()
    expect(who.get_by_label(re.compile(re.escape(colleague.full_name)))).not_to_be_checked()
    assert_accessible(page, "sharing and access, restriction form")

    who.get_by_label(re.compile(re.escape(pom.full_name))).uncheck()
    who.get_by_label(re.compile(re.escape(colleague.full_name))).check()
    page.locator("#restriction-reason").fill("Press interest in the case")
    page.get_by_role("button", name="Restrict").click()

    warning = page.get_by_test_id("lock-out-warning")
    expect(warning).to_contain_text(
        f"{pom.full_name} (allocated prison offender manager) will no longer be able to see "
        "this record"
    )
    expect(page.get_by_role("alert")).to_contain_text(
        f"Confirm that {pom.full_name} will lose access to this record"
    )
    expect(page.locator("#restriction-reason")).to_have_value("Press interest in the case")
    assert not AccessRestriction.objects.exists()
    page.screenshot(path=screenshots / "restriction-lock-out-warning.png", full_page=True)
    assert_accessible(page, "restriction lock-out warning")

    page.get_by_label(f"I understand that {pom.full_name} will no longer be able").check()
    page.get_by_role("button", name="Restrict").click()
    expect(page.get_by_text("Access list updated")).to_be_visible()
    listed = set(person.restrictions.values_list("user_id", flat=True))
    assert listed == {spo.pk, com.pk, colleague.pk}
    assert AuditEvent.objects.filter(
        record_type="allocated staff's access", record_id=str(pom.pk)
    ).exists()


def test_ending_sharing_asks_for_confirmation_and_a_reason(
    signed_in: Callable[[User], Page],
    screenshots: Path,
    organisations: dict[str, Organisation],
    com: User,
    person: Person,
) -> None:
    today = clock.today()
    agreement = access_services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing on release",
            sections=("identity",),
            start_date=today,
            end_date=today + timedelta(days=60),
        ),
    )
    page = signed_in(com)
    page.goto(reverse("sharing:person", args=[person.pk]))
    page.get_by_role("link", name="End sharing with Test Housing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to end sharing with Test Housing?"
    )
    page.screenshot(path=screenshots / "end-sharing.png", full_page=True)
    assert_accessible(page, "end sharing")

    page.get_by_role("button", name="End sharing").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why you are ending sharing")
    assert_accessible(page, "end sharing with errors")
    agreement.refresh_from_db()
    assert agreement.ended_at is None

    page.get_by_label("Why are you ending sharing?").fill("They found housing")
    page.get_by_role("button", name="End sharing").click()
    expect(page.get_by_text("Sharing with Test Housing ended")).to_be_visible()
    assert SharingAgreement.objects.get().ended_at is not None


def test_opening_a_post_only_address_goes_back_to_its_page(
    signed_in: Callable[[User], Page], screenshots: Path, com: User, person: Person
) -> None:
    page = signed_in(com)
    page.goto(reverse("sharing:person", args=[person.pk]))
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    share_url = reverse("sharing:share", args=[person.pk])
    assert page.url.endswith(share_url)
    # Opening the address the form was sent to, as pressing Enter in the address bar does.
    response = page.goto(share_url)
    assert response is not None and response.status == 200
    assert page.url.endswith(reverse("sharing:person", args=[person.pk]))
    expect(page.get_by_role("heading", name="Shared with partners")).to_be_visible()

    for name in ("mark-sensitive", "unmark-sensitive"):
        response = page.goto(reverse(f"casework:{name}", args=[person.pk, 1]))
        assert response is not None and response.status == 200
        assert page.url.endswith(reverse("casework:activity", args=[person.pk]))

    response = page.goto(reverse("access:sign-out"))
    assert response is not None and response.status == 405
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot go to this page directly")
    page.screenshot(path=screenshots / "method-not-allowed.png", full_page=True)
    assert_accessible(page, "method not allowed")


@pytest.mark.parametrize("address", ["no such person", "not their person", "no such address"])
def test_not_found_is_the_service_page_with_debug_on(
    signed_in: Callable[[User], Page],
    make_user: Callable[..., User],
    person: Person,
    address: str,
) -> None:
    url: dict[str, Any] = {
        "no such person": reverse("record:overview", args=[uuid.uuid4()]),
        "not their person": reverse("record:overview", args=[person.pk]),
        "no such address": "/people/not-a-page/",
    }
    page = signed_in(make_user(Role.PARTNER, "partner"))
    with override_settings(DEBUG=True):
        response = page.goto(url[address])
        assert response is not None and response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        content = page.content()
        assert "URLconf" not in content and "Django" not in content
        assert person.full_name not in content
        assert_accessible(page, f"not found: {address}")
