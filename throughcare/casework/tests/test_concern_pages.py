"""The urgent concern pages: clear GOV.UK errors keeping what was typed, and the concern page
with its actions, resolution and the times to acknowledge and to resolve."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.casework.concerns.models import UrgentConcern
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.rules.times import LONDON

pytestmark = pytest.mark.django_db

TYPED = "Said he has a knife at home and will use it on his neighbour"


def _when(day_offset: int = 0, moment: str = "9:15am") -> dict[str, str]:
    day = clock.today() + timedelta(days=day_offset)
    return {
        "occurred_on_day": str(day.day),
        "occurred_on_month": str(day.month),
        "occurred_on_year": str(day.year),
        "occurred_time": moment,
    }


def test_nothing_filled_in_names_each_missing_answer(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    url = reverse("casework:concern-create", args=[person.pk])
    page = client_for(com).post(url, {}).content.decode()
    for message in (
        "Select the type of concern",
        "Enter what was said or seen",
        "Select who said it or saw it",
        "Enter the time it was said or seen",
    ):
        assert message in page
    assert "govuk-error-summary" in page and not UrgentConcern.objects.exists()


@pytest.mark.parametrize(
    ("day_offset", "moment", "account", "message"),
    [
        (1, "9:15am", TYPED, "The date it was said or seen must be today or in the past"),
        (0, "11:59pm", TYPED, "The time it was said or seen must be now or in the past"),
        (0, "teatime", TYPED, "Enter time as a time of day, like 9:30am or 14:30"),
        (0, "9:15am", "x" * 20_001, "What was said or seen must be 20,000 characters or fewer"),
    ],
)
def test_wrong_answers_are_clear_errors_keeping_what_was_typed(
    client_for: Callable[[User], Client],
    com: User,
    person: Person,
    day_offset: int,
    moment: str,
    account: str,
    message: str,
) -> None:
    when = _when(day_offset, moment)
    url = reverse("casework:concern-create", args=[person.pk])
    posted = {"concern_type": "harm to a named person", "source_kind": "person", **when}
    response = client_for(com).post(url, {**posted, "account": account})
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert account[:200] in page and f'value="{when["occurred_time"]}"' in page
    assert not UrgentConcern.objects.exists()


def test_recorded_acknowledged_acted_on_and_resolved_through_the_pages(
    client_for: Callable[[User], Client],
    com: User,
    make_user: Callable[..., User],
    person: Person,
) -> None:
    spo = make_user(Role.SPO, "team")
    url = reverse("casework:concern-create", args=[person.pk])
    posted = {"concern_type": "harm to a child", "source_kind": "person", "account": TYPED}
    response = client_for(com).post(url, {**posted, **_when(moment="10:00am")})
    concern = UrgentConcern.objects.get()
    page_url = reverse("casework:concern", args=[person.pk, concern.pk])
    assert response["Location"] == page_url
    clock.advance(timedelta(minutes=20))
    manager = client_for(spo)
    assert "Acknowledge the concern" in manager.get(page_url).content.decode()
    manager.post(reverse("casework:concern-acknowledge", args=[person.pk, concern.pk]))
    resolve_url = reverse("casework:concern-resolve", args=[person.pk, concern.pk])
    refused = manager.post(resolve_url, {"resolution": "Sorted"}).content.decode()
    assert "Record at least one action taken before resolving the concern" in refused
    assert "Sorted" in refused
    action_url = reverse("casework:concern-action", args=[person.pk, concern.pk])
    now = clock.now()
    action = {
        "kind": "children's services informed",
        "taken_on_day": str(clock.today().day),
        "taken_on_month": str(clock.today().month),
        "taken_on_year": str(clock.today().year),
        "taken_time": f"{now.astimezone(LONDON):%H:%M}",
    }
    missing = manager.post(action_url, action).content.decode()
    assert "Enter the children&#x27;s services reference" in missing
    assert manager.post(action_url, {**action, "reference": "MASH/26/0042"}).status_code == 302
    clock.advance(timedelta(hours=1))
    manager = client_for(spo)  # signed in again: the session's idle limit has passed
    assert manager.post(resolve_url, {"resolution": "Strategy meeting held"})["Location"] == (
        page_url
    )
    shown = manager.get(page_url).content.decode()
    for text in ("MASH/26/0042", "Strategy meeting held", "20 minutes", "1 hour 20 minutes"):
        assert text in shown
    assert "Acknowledge the concern" not in shown and "Record an action taken" not in shown
