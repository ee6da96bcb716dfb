from collections.abc import Callable

import pytest

from throughcare.access.models import Role, User
from throughcare.access.templatetags.navigation import service_navigation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "organisation", "expected"),
    [
        (Role.COM, "team", ["My caseload", "Team view", "Search", "Add a person"]),
        (Role.POM, "prison", ["My caseload", "Team view", "Search", "Add a person"]),
        # A senior probation officer's landing page, the team view, comes first.
        (
            Role.SPO,
            "team",
            ["Team view", "My caseload", "Search", "Add a person", "Unexpected access", "Audit"],
        ),
        (Role.PARTNER, "partner", ["Shared with you", "Search"]),
        (Role.ADMIN, None, ["Audit", "Administration"]),
    ],
)
def test_each_role_sees_the_pages_it_may_use(
    make_user: Callable[..., User], role: str, organisation: str | None, expected: list[str]
) -> None:
    items = service_navigation(make_user(role, organisation), "search")
    assert [item["text"] for item in items] == expected
    assert [item["text"] for item in items if item["active"]] == (
        ["Search"] if "Search" in expected else []
    )
