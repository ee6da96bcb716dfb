"""The Django admin is for accounts: an administrator never sees case data there, not even on
the page that confirms a deletion. An account or organisation with case history is not deleted
(deactivate the account instead), and the refusal lists none of the records."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access import services
from throughcare.access.commands import Exclusion
from throughcare.access.models import Organisation, Role, User, UserSession
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db

NOTE = "Saw him at the hostel NOTE-TEXT"


@pytest.fixture
def admin(make_user: Callable[..., User], client_for: Callable[[User], Client]) -> Client:
    return client_for(make_user(Role.ADMIN, None))


def _case_data(person: Person) -> list[str]:
    return [person.full_name, person.listed_name, person.crn, NOTE, "case note"]


def _with_history(person: Person) -> User:
    """The person's COM, who wrote a case note about them."""
    writer = person.com
    assert writer is not None
    casework.add_case_note(
        user=writer,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": clock.today(), "text": NOTE}
        ),
    )
    return writer


@pytest.mark.parametrize("how", ["page", "action"])
def test_deleting_a_user_with_case_history_is_refused_without_listing_it(
    admin: Client,
    make_user: Callable[..., User],
    person: Person,
    how: str,
) -> None:
    user = _with_history(person)
    spo = make_user(Role.SPO, "team")
    colleague = make_user(Role.COM, "team")  # case history: their exclusion from the record
    services.exclude_user(
        by=spo, person=person, exclusion=Exclusion(user=colleague, reason="Knows the family")
    )
    for target in (user, colleague):
        if how == "page":
            url = reverse("admin:access_user_delete", args=[target.pk])
            shown = admin.get(url, follow=True)
            posted = admin.post(url, {"post": "yes"}, follow=True)
        else:
            url = reverse("admin:access_user_changelist")
            data = {"action": "delete_selected", "_selected_action": [target.pk]}
            shown = admin.post(url, data, follow=True)
            posted = admin.post(url, {**data, "post": "yes"}, follow=True)
        for response in (shown, posted):
            body = response.content.decode()
            assert response.status_code == 200
            for text in _case_data(person):
                assert text not in body, (target, text)
            assert "Deactivate the account instead" in body
        assert User.objects.filter(pk=target.pk).exists()
    assert person.exclusions.filter(user=colleague).exists()


def test_a_user_without_case_history_can_be_deleted(
    admin: Client, make_user: Callable[..., User], client_for: Callable[[User], Client]
) -> None:
    mistake = make_user(Role.COM, "team")
    client_for(mistake)  # an authenticator app: account data, not case history
    UserSession.objects.create(user=mistake, session_key="abc", signed_in_at=clock.now())
    url = reverse("admin:access_user_delete", args=[mistake.pk])
    assert "Are you sure" in admin.get(url).content.decode()
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=mistake.pk).exists()


def test_deleting_an_organisation_lists_none_of_its_people(
    admin: Client, organisations: dict[str, Organisation], person: Person
) -> None:
    prison = organisations["prison"]
    url = reverse("admin:access_organisation_delete", args=[prison.pk])
    for response in (admin.get(url, follow=True), admin.post(url, {"post": "yes"}, follow=True)):
        body = response.content.decode()
        for text in _case_data(person):
            assert text not in body
        assert "has case history" in body
    assert Organisation.objects.filter(pk=prison.pk).exists()
