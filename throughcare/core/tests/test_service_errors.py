"""Services raise the one error family of throughcare.core.errors: Invalid with the fields at
fault, Refused (never the built-in PermissionError), Stale with what changed."""

from collections.abc import Callable

import pytest

from throughcare.access import services as access
from throughcare.access.accounts import services as accounts
from throughcare.access.commands import Exclusion, Restriction
from throughcare.access.models import AccessExclusion, Organisation, Role, User
from throughcare.audit.models import AuditEvent
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.people import services as people
from throughcare.people.commands import NewVictim, PersonChanges
from throughcare.people.models import Person, Victim

pytestmark = pytest.mark.django_db


def test_a_user_who_may_not_manage_the_lists_is_refused_and_nothing_is_written(
    make_user: Callable[..., User], com: User, person: Person
) -> None:
    colleague = make_user(Role.COM, "team")
    before = AuditEvent.objects.count()
    with pytest.raises(Refused) as refused:
        access.exclude_user(
            by=com, person=person, exclusion=Exclusion(user=colleague, reason="Knows the family")
        )
    assert "manage exclusion and restriction lists" in refused.value.reason
    with pytest.raises(Refused):
        access.restrict_to(
            by=com,
            person=person,
            restriction=Restriction(users=(colleague,), reason="High profile"),
        )
    assert not AccessExclusion.objects.exists() and not person.restrictions.exists()
    assert AuditEvent.objects.count() == before


def test_removing_a_sensitive_mark_without_the_right_is_refused(
    make_user: Callable[..., User], com: User, person: Person
) -> None:
    note = casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": clock.today(),
                "text": "Seen.",
                "sensitive": True,
            }
        ),
    )
    other = make_user(Role.COM, "team")
    with pytest.raises(Refused):
        casework.unmark_sensitive(user=other, note=note)
    note.refresh_from_db()
    assert note.sensitive


def test_wrong_input_is_invalid_with_every_field_at_fault(com: User, person: Person) -> None:
    with pytest.raises(Invalid) as invalid:
        people.add_victim(
            user=com,
            person=person,
            victim=NewVictim.from_cleaned({"name": " ", "relationship": ""}),
        )
    assert invalid.value.fields == {
        "name": ["Enter the victim's name"],
        "relationship": ["Enter their relationship to the person"],
    }
    assert not Victim.objects.exists()


def test_a_save_from_a_stale_copy_is_stale_with_what_changed(
    com: User, pom: User, person: Person
) -> None:
    loaded = person.version
    people.update_person(
        user=pom,
        person=person,
        changes=PersonChanges(preferred_name="Sam"),
        expected_version=loaded,
    )
    with pytest.raises(Stale) as stale:
        people.update_person(
            user=com,
            person=person,
            changes=PersonChanges(preferred_name="Jo"),
            expected_version=loaded,
        )
    assert stale.value.changed == {"preferred_name"}
    assert stale.value.current.preferred_name == "Sam"


def test_the_account_services_say_what_is_wrong_as_invalid_and_write_nothing(
    make_user: Callable[..., User], com: User, organisations: dict[str, Organisation]
) -> None:
    admin = make_user(Role.ADMIN, None)
    before = (User.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(Invalid) as created:
        accounts.create_user(
            by=admin, email="new@test.example", full_name=" ", role=Role.COM, organisation=None
        )
    assert created.value.fields == {
        "full_name": ["Enter the full name"],
        "organisation": ["Select the organisation this person works for"],
    }
    with pytest.raises(Invalid) as updated:
        accounts.update_user(by=admin, user=com, changes={"email": "not an address"})
    assert list(updated.value.fields) == ["email"]
    taken = organisations["team"].name.upper()
    with pytest.raises(Invalid) as saved:
        accounts.save_organisation(
            by=admin, organisation=Organisation(name=taken, kind=Organisation.Kind.PARTNER)
        )
    assert saved.value.fields == {"name": ["There is already an organisation with this name"]}
    com.refresh_from_db()
    assert com.email != "not an address"
    after = (User.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    assert after == before
