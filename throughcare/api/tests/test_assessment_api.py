"""GET /api/v1/people/{id}/assessment: the current assessment's headline, the full one for the
case team, the levels in the community only for a partner sharing the summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import share
from throughcare.access.models import Organisation, Role, User
from throughcare.assessment import services
from throughcare.assessment.tests.helpers import filled, with_offence
from throughcare.people.models import Person

from .conftest import Api

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user(Role.COM, "team", grade="probation officer")


@pytest.fixture
def case(make_person: Callable[..., Person], officer: User) -> Person:
    return with_offence(make_person(release_in_days=30, com=officer), officer)


def test_no_assessment_yet_is_not_found_then_the_headline_once_locked(
    api_for: Callable[..., Api], officer: User, case: Person
) -> None:
    api = api_for(officer)
    path = f"/people/{case.pk}/assessment"
    assert api.get(path).status_code == 404
    services.submit(officer, filled(officer, case, "medium").version)
    body = api.get(path).json()
    assert body["version"] == 1 and body["overall"] == "medium" and not body["countersigned"]
    public = next(level for level in body["levels"] if level["group"] == "public")
    assert public == {"group": "public", "community": "medium", "custody": "low"}
    assert body["ogrs3_band"] in ("Low", "Medium", "High", "Very high")
    assert body["review_due"] is False


def test_a_partner_sharing_the_summary_gets_the_community_levels_only(
    api_for: Callable[..., Api],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    officer: User,
    case: Person,
) -> None:
    services.submit(officer, filled(officer, case, "medium").version)
    partner = make_user(Role.PARTNER, "partner")
    api = api_for(partner)
    path = f"/people/{case.pk}/assessment"
    share(case, officer, organisations["partner"], ["identity"])
    assert api.get(path).status_code == 404
    share(case, officer, organisations["partner"], ["identity", "rosh_summary"])
    body = api.get(path).json()
    assert body["overall"] == "medium"
    assert all(level["custody"] is None for level in body["levels"])
    assert "prisoners" not in [level["group"] for level in body["levels"]]
    assert body["ogrs3_band"] is None and body["judgement"] is None


def test_the_scope_is_needed(api_for: Callable[..., Api], officer: User, case: Person) -> None:
    api = api_for(officer, ("people:read",))
    assert api.get(f"/people/{case.pk}/assessment").status_code == 403
