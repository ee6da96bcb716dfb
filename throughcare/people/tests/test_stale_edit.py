"""Two users save the same record from the same version: the second is refused, nothing is
overwritten, and the second user sees what changed and keeps what they typed."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _form(person: Person, version: int, **changes: str) -> dict[str, str]:
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth_day": str(person.date_of_birth.day),
        "date_of_birth_month": str(person.date_of_birth.month),
        "date_of_birth_year": str(person.date_of_birth.year),
        "sex": person.sex,
        "version": str(version),
    }
    data.update(changes)
    return data


def test_the_second_save_from_the_same_version_is_refused(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    make_person: Callable[..., Person],
) -> None:
    person = make_person()
    pom_user = person.pom
    assert pom_user is not None
    url = reverse("people:change", args=[person.pk])
    first, second = client_for(com), client_for(pom_user)
    loaded = person.version
    assert 'name="version"' in first.get(url).content.decode()

    assert first.post(url, _form(person, loaded, first_language="Welsh")).status_code == 302
    response = second.post(
        url, _form(person, loaded, first_language="Polish", nationality="Polish citizen")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in body
    assert "First language" in body and "now Welsh" in body  # what changed meanwhile
    assert 'value="Polish citizen"' in body  # the user's text is kept
    person.refresh_from_db()
    assert person.first_language == "Welsh" and person.nationality == ""
    assert person.version == loaded + 1

    # Saving again, having seen the change, goes through.
    resubmit = second.post(
        url, _form(person, person.version, first_language="Polish", nationality="Polish citizen")
    )
    assert resubmit.status_code == 302
    person.refresh_from_db()
    assert (person.first_language, person.nationality) == ("Polish", "Polish citizen")


def test_only_the_allocated_staff_may_change_details(
    client_for: Callable[[User], Client], make_user: Callable[..., User], person: Person
) -> None:
    teammate = client_for(make_user(Role.COM, "team"))
    url = reverse("people:change", args=[person.pk])
    assert teammate.get(url).status_code == 403
    assert teammate.post(url, _form(person, person.version, first_language="X")).status_code == 403
    person.refresh_from_db()
    assert person.first_language == ""
