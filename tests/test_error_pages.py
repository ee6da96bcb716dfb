"""No address of the service answers with a blank page: a GET to a page that only takes a
form's POST goes back to the page the form is on (or, for the few with no such page, shows a
GOV.UK page), and a page that is not found is the service's own, with DEBUG on as well."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.test_access_matrix import _kwargs, named_patterns, world  # noqa: F401 - a fixture
from throughcare.access.models import Role, User
from throughcare.access.policy import Relation as R
from throughcare.people.models import Person

# The pages that only take a form's POST, and the page each form is on.
POST_ONLY = {
    "sharing:share": "sharing:person",
    "sharing:limit": "sharing:person",
    "casework:mark-sensitive": "casework:activity",
    "casework:unmark-sensitive": "casework:activity",
}


def _is_service_page(response: Any) -> bool:
    body = response.content.decode(errors="replace")
    return "govuk-template" in body and '<h1 class="govuk-heading-l">' in body


@pytest.mark.parametrize("who", ["allocated COM", "team SPO"])
def test_a_get_to_any_address_shows_a_page_never_a_blank_405(
    world: dict[str, Any],  # noqa: F811 - the fixture imported above
    client_for: Callable[[User], Client],
    who: str,
) -> None:
    user = world["users"][R.ALLOCATED if who == "allocated COM" else R.TEAM_SPO]
    client = client_for(user)
    person = world["person"]
    failures = []
    walked = set()
    for name, pattern in named_patterns():
        if name.startswith("admin:") and pattern.pattern.regex.groups:
            continue  # the admin site's own object pages
        if name in ("access:sign-out", "admin:logout"):
            continue  # would sign the client out: tested below
        url = reverse(name, kwargs=_kwargs(pattern, world, person))
        for kind in ("exclude", "restrict") if name == "sharing:limit" else ("",):
            if kind:
                url = reverse(name, kwargs={"person_id": person.pk, "kind": kind})
            walked.add(name)
            response = client.get(url)
            if name in POST_ONLY:
                wanted = reverse(POST_ONLY[name], args=[person.pk])
                if response.status_code != 302 or response["Location"] != wanted:
                    failures.append(f"GET {url}: {response.status_code}, not sent to {wanted}")
            elif response.status_code == 405 or (
                response.status_code >= 400 and not _is_service_page(response)
            ):
                failures.append(f"GET {url}: {response.status_code} without a GOV.UK page")
    assert set(POST_ONLY) <= walked
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["access:sign-out", "admin:logout"])
def test_a_get_to_sign_out_shows_a_govuk_page(
    client_for: Callable[[User], Client], make_user: Callable[..., User], name: str
) -> None:
    user = make_user(Role.ADMIN if name.startswith("admin") else Role.COM, None)
    response = client_for(user).get(reverse(name))
    assert response.status_code == 405
    assert _is_service_page(response)
    assert "You cannot go to this page directly" in response.content.decode()
    assert response["Allow"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_another_method_on_a_post_only_page_shows_a_govuk_page(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    response = client_for(com).put(reverse("sharing:share", args=[person.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert _is_service_page(response)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False], ids=["DEBUG on", "DEBUG off"])
@pytest.mark.parametrize("address", ["no such address", "no such person", "not their person"])
def test_not_found_is_the_service_page_in_every_setting(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    person: Person,
    debug: bool,
    address: str,
) -> None:
    url = {
        "no such address": "/no-such-page/",
        "no such person": reverse("record:overview", args=[uuid.uuid4()]),
        "not their person": reverse("record:overview", args=[person.pk]),
    }[address]
    partner = client_for(make_user(Role.PARTNER, "partner"))  # no agreement for anyone
    with override_settings(DEBUG=debug):
        response = partner.get(url)
    body = response.content.decode()
    assert response.status_code == 404
    assert _is_service_page(response)
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in body
    for technical in ("URLconf", "Django tried", "Raised by", "No such person", "DEBUG"):
        assert technical not in body
    assert person.full_name not in body
    assert response["Cache-Control"] == "no-store"
