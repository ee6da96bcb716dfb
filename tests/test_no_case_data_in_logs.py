"""Nothing about a person reaches the application logs or URLs: not on refusals, not on
searches, not on errors."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import search
from throughcare.access.models import Role, User
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_logs_carry_no_names_or_identifiers(
    caplog: pytest.LogCaptureFixture,
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    com: User,
) -> None:
    person = make_person(
        given_name="Loggable", family_name="Nameless", prison_number="L1234OG", release_in_days=9
    )
    outsider = client_for(make_user(Role.PARTNER, "partner"))
    stranger = client_for(make_user(Role.COM, "other_team"))
    mine = client_for(com)
    caplog.set_level("DEBUG")
    outsider.get(reverse("record:overview", args=[person.pk]))
    stranger.get(reverse("record:overview", args=[person.pk]))
    teammate = client_for(make_user(Role.COM, "team"))
    teammate.get(reverse("record:sentence-create", args=[person.pk]))
    search(mine, "Nameless")
    search(stranger, "L1234OG")
    mine.post(reverse("casework:activity", args=[person.pk]), {"text": "Nameless said hello"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Not Found" in logged and "Forbidden" in logged  # the refusals were logged
    for secret in ("Loggable", "Nameless", "L1234OG", person.crn):
        assert secret not in logged
