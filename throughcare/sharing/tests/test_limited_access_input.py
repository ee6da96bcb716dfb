"""The exclusion and restriction forms refuse bad input with a GOV.UK error, never a 500, and
write nothing when they refuse."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import AccessExclusion, AccessRestriction, Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def changes_audited() -> int:
    """Audit events other than consultations (opening the page to post is one)."""
    return AuditEvent.objects.exclude(operation=Operation.CONSULTATION).count()


def test_excluding_the_same_person_twice_is_a_clear_error(
    client_for: Callable[[User], Client], make_user: Callable[..., User], person: Person
) -> None:
    """A double click on "Exclude" posts twice: the second must not hit the unique constraint."""
    spo = client_for(make_user(Role.SPO, "team"))
    colleague = make_user(Role.COM, "team")
    url = reverse("sharing:limit", args=[person.pk, "exclude"])
    data = {"user": colleague.pk, "reason": "Lives next door to the victim"}
    assert spo.post(url, data).status_code == 302
    events = changes_audited()
    again = spo.post(url, data)
    assert again.status_code == 200
    body = again.content.decode()
    assert "There is a problem" in body
    assert f"{colleague.full_name} is already excluded from this record" in body
    assert AccessExclusion.objects.filter(person=person, user=colleague).count() == 1
    assert changes_audited() == events


@pytest.mark.parametrize("kind, field", [("restrict", "users"), ("exclude", "user")])
def test_an_id_too_big_for_the_database_is_not_a_500(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    person: Person,
    kind: str,
    field: str,
) -> None:
    spo = client_for(make_user(Role.SPO, "team"))
    events = changes_audited()
    response = spo.post(
        reverse("sharing:limit", args=[person.pk, kind]),
        {field: "1" * 30, "reason": "High-profile case"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not AccessRestriction.objects.exists()
    assert not AccessExclusion.objects.exists()
    assert changes_audited() == events
