"""The lists that grow with use take the same number of queries however many rows they hold:
the unexpected-access report, the audit pages and a partner's landing page (caseload, search,
timeline and who-has-seen are checked beside their own pages)."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TODAY
from throughcare.access import services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, User
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _break_glass(client: Client, person: Person) -> None:
    response = client.post(
        reverse("access:break-glass", args=[person.pk]),
        {"reason": "Covering the duty desk this afternoon"},
    )
    assert response.status_code == 302


def test_unexpected_access_report(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
) -> None:
    spo = client_for(make_user(Role.SPO, "team"))
    url = reverse("oversight:unexpected-access")
    _break_glass(client_for(make_user(Role.COM, "other_team")), make_person())
    few = _count(spo, url)
    for _ in range(8):
        _break_glass(client_for(make_user(Role.POM, "other_team")), make_person())
    assert _count(spo, url) == few


def test_audit_users_and_user_activity(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    com: User,
) -> None:
    spo = client_for(make_user(Role.SPO, "team"))
    activity = reverse("oversight:user-activity", args=[com.pk])
    users = reverse("oversight:users")
    colleague = client_for(com)
    colleague.get(reverse("record:overview", args=[make_person().pk]))
    few_activity, few_users = _count(spo, activity), _count(spo, users)
    for _ in range(8):
        make_user(Role.COM, "team")
        colleague.get(reverse("record:overview", args=[make_person().pk]))
    assert _count(spo, activity) == few_activity
    assert _count(spo, users) == few_users


def test_partner_landing_page(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    organisations: dict[str, Organisation],
    com: User,
) -> None:
    partner = client_for(make_user(Role.PARTNER, "partner"))
    url = reverse("caseload:caseload")

    def share(person: Person, sections: list[str]) -> None:
        services.share_with_partner(
            by=com,
            person=person,
            share=ShareRequest(
                organisation=organisations["partner"],
                purpose="Housing on release",
                sections=tuple(sections),
                start_date=TODAY,
                end_date=TODAY + timedelta(days=30),
            ),
        )

    share(make_person(), ["identity"])
    few = _count(partner, url)
    for _ in range(8):
        person = make_person()
        share(person, ["identity"])
        share(person, ["case_notes"])
    assert _count(partner, url) == few
