"""How pages lay out in Debian's Chromium: long words wrap instead of widening the page, the
service navigation fits on one line at 1024 pixels for every role, and a record opened under
break-glass says so on each of its pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from throughcare.access import services as access_services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, User
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewPerson
from throughcare.people.models import Person

from .axe import assert_accessible

pytestmark = pytest.mark.browser

# A word with no break opportunity in it, as pasted from a URL, a reference or a key.
LONG_WORD = "Unbroken" + "x" * 592


def _sign_in(page: Page, live_server: LiveServer, client: Client) -> None:
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _person(com: User, pom: User, prison: Organisation | None, **extra: Any) -> Person:
    today = clock.today()
    return people_services.create_person(
        user=com,
        details=NewPerson(
            given_name="Alex",
            family_name="Example",
            date_of_birth=today.replace(year=today.year - 33),
            sex="male",
            prison=prison,
            pom=pom,
            com=com,
            **extra,
        ),
    )


def _page_width(page: Page) -> tuple[int, int]:
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_a_600_character_word_wraps_instead_of_widening_the_page(
    page: Page,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    com: User,
    pom: User,
    width: int,
) -> None:
    person = _person(com, pom, None, community_address=LONG_WORD)
    casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": clock.today(), "text": LONG_WORD}
        ),
    )
    access_services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose=LONG_WORD,
            sections=("identity",),
            start_date=clock.today(),
            end_date=clock.today() + timedelta(days=30),
        ),
    )
    # Someone from another team opens the record, giving a long word as the reason.
    stranger = client_for(make_user(Role.COM, "other_team"))
    stranger.get(reverse("access:break-glass", args=[person.pk]))
    stranger.post(reverse("access:break-glass", args=[person.pk]), {"reason": LONG_WORD})
    assert stranger.get(reverse("record:overview", args=[person.pk])).status_code == 200
    page.set_viewport_size({"width": width, "height": 900})
    spo = make_user(Role.SPO, "team")
    pages = [
        (com, reverse("casework:activity", args=[person.pk])),
        (com, reverse("record:overview", args=[person.pk])),
        (com, reverse("sharing:person", args=[person.pk])),
    ]
    if width > 640:  # tables of six columns are wider than a phone whatever their words
        pages += [
            (com, reverse("oversight:who-has-seen", args=[person.pk])),
            (spo, reverse("oversight:unexpected-access")),
        ]
    for user, url in pages:
        _sign_in(page, live_server, client_for(user))
        page.goto(url)
        expect(page.get_by_text(LONG_WORD[:40]).first).to_be_visible()
        scroll_width, viewport = _page_width(page)
        assert scroll_width <= viewport, f"{url} is {scroll_width}px wide in a {viewport}px window"


ROLES = [Role.POM, Role.COM, Role.SPO, Role.ADMIN]


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_the_service_navigation_fits_on_one_line_at_1024_pixels(
    page: Page,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    role: Role,
) -> None:
    """The senior probation officer has the most items. A long name is usual."""
    organisation = {Role.POM: "prison", Role.ADMIN: None}.get(role, "team")
    user = make_user(role, organisation)
    user.full_name = "Alexandra Featherstonehaugh-Whitfield"
    user.save(update_fields=["full_name"])
    page.set_viewport_size({"width": 1024, "height": 768})
    _sign_in(page, live_server, client_for(user))
    page.goto(reverse("oversight:users") if role == Role.ADMIN else reverse("caseload:caseload"))
    items = page.locator(".govuk-service-navigation__item")
    assert items.count() >= 2
    tops = {
        round(box["y"])
        for box in (items.nth(i).bounding_box() for i in range(items.count()))
        if box
    }
    assert len(tops) == 1, f"the {role} navigation wraps onto {len(tops)} lines"
    last = items.nth(items.count() - 1).bounding_box()
    assert last and last["x"] + last["width"] <= 1024, "the navigation runs off the page"


def test_a_record_opened_under_break_glass_says_so_on_each_page(
    page: Page,
    live_server: LiveServer,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    pom: User,
) -> None:
    person = _person(com, pom, organisations["prison"])
    stranger = make_user(Role.COM, "other_team")
    _sign_in(page, live_server, client_for(stranger))
    page.goto(reverse("access:break-glass", args=[person.pk]))
    reason = "Covering the duty desk: the person called about their licence"
    page.get_by_label("Why do you need to open this record?").fill(reason)
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_url(f"**{reverse('record:overview', args=[person.pk])}")
    for url in (
        reverse("record:overview", args=[person.pk]),
        reverse("casework:activity", args=[person.pk]),
        reverse("documents:index", args=[person.pk]),
    ):
        page.goto(url)
        banner = page.locator(".govuk-notification-banner")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("You opened this record under break-glass")
        expect(banner).to_contain_text(reason)
        expect(banner).to_contain_text("Your access ends when you sign out")
        expect(banner).to_contain_text("8:30pm")  # signed in at 10:30am: 10 hours at most
        assert_accessible(page, "break-glass banner")

    # The allocated officer sees no such banner.
    _sign_in(page, live_server, client_for(com))
    page.goto(reverse("record:overview", args=[person.pk]))
    expect(page.get_by_text("under break-glass")).to_have_count(0)
