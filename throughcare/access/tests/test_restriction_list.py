"""Restricting a record to named staff never locks out the allocated POM and COM without a
word: they are on the list unless the SPO takes them off, and then the page names them and
asks for confirmation."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import search
from throughcare.access import policy, services
from throughcare.access.commands import Restriction
from throughcare.access.models import AccessRestriction, Role, User
from throughcare.audit.models import AuditEvent
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


def _restrict(client: Client, person: Person, users: list[User], **extra: Any) -> Any:
    return client.post(
        reverse("sharing:limit", args=[person.pk, "restrict"]),
        {"users": [u.pk for u in users], "reason": "High profile case", **extra},
    )


def _nothing_written() -> bool:
    return (
        not AccessRestriction.objects.exists()
        and not AuditEvent.objects.filter(
            record_type__in=["access restriction", "allocated staff's access"]
        ).exists()
    )


def test_the_list_offers_the_allocated_pom_and_com_already_chosen(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    spo: User,
    pom: User,
    com: User,
    person: Person,
) -> None:
    prison_colleague = make_user(Role.POM, "prison")
    elsewhere = make_user(Role.COM, "other_team")
    body = client_for(spo).get(reverse("sharing:person", args=[person.pk])).content.decode()
    form = body[body.index("Restrict to named staff") :]
    # The POM works for the prison, not the SPO's team: they are offered all the same.
    assert f"{pom.full_name}, prison offender manager, HMP Testmoor (allocated POM)" in form
    assert f"{com.full_name}, community offender manager" in form
    assert prison_colleague.full_name in form
    assert elsewhere.full_name not in form
    for user in (pom, com):
        assert f'value="{user.pk}" checked' in form
    assert f'value="{prison_colleague.pk}" checked' not in form


def test_restricting_with_the_allocated_staff_keeps_their_caseload_and_search(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    spo: User,
    pom: User,
    com: User,
    person: Person,
) -> None:
    colleague = make_user(Role.COM, "team")
    assert _restrict(client_for(spo), person, [pom, com]).status_code == 302
    assert set(person.restrictions.values_list("user_id", flat=True)) == {pom.pk, com.pk, spo.pk}
    pom_client = client_for(pom)
    assert person.listed_name in pom_client.get(reverse("caseload:caseload")).content.decode()
    assert person.listed_name in search(pom_client, person.family_name).content.decode()
    assert pom_client.get(reverse("record:overview", args=[person.pk])).status_code == 200
    assert not policy.visible_people(colleague).filter(pk=person.pk).exists()


def test_taking_the_allocated_staff_off_names_them_and_asks_for_confirmation(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    spo: User,
    pom: User,
    com: User,
    person: Person,
) -> None:
    colleague = make_user(Role.COM, "team")
    client = client_for(spo)
    warned = _restrict(client, person, [colleague, com])
    body = warned.content.decode()
    assert warned.status_code == 200
    assert "There is a problem" in body
    assert f"Confirm that {pom.full_name} will lose access to this record" in body
    assert (
        f"{pom.full_name} (allocated prison offender manager) will no longer be able to see "
        "this record" in body
    )
    assert f"I understand that {pom.full_name} will no longer be able to see this record" in body
    assert f'<input type="hidden" name="lock_out" value="{pom.pk}">' in body
    assert "High profile case" in body  # what the SPO typed is kept
    assert _nothing_written()

    # Ticking the box confirms only the people it named.
    partly = _restrict(client, person, [colleague], lock_out=[pom.pk], confirm_lock_out="true")
    assert partly.status_code == 200
    assert f"Confirm that {pom.full_name} and {com.full_name} will lose access" in (
        partly.content.decode()
    )
    assert _nothing_written()

    done = _restrict(
        client, person, [colleague], lock_out=[pom.pk, com.pk], confirm_lock_out="true"
    )
    assert done.status_code == 302
    assert set(person.restrictions.values_list("user_id", flat=True)) == {colleague.pk, spo.pk}
    assert client_for(pom).get(reverse("record:overview", args=[person.pk])).status_code == 403
    locked_out = AuditEvent.objects.filter(record_type="allocated staff's access")
    assert {e.record_id for e in locked_out} == {str(pom.pk), str(com.pk)}
    assert {e.reason for e in locked_out} == {"High profile case"}


def test_without_confirmation_the_service_locks_nobody_out(
    spo: User, pom: User, com: User, person: Person
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.restrict_to(
            by=spo, person=person, restriction=Restriction(users=(com,), reason="High profile")
        )
    assert pom.full_name in str(refused.value)
    assert _nothing_written()
    with pytest.raises(ValidationError):
        services.restrict_to(
            by=spo,
            person=person,
            restriction=Restriction(users=(), reason="High profile", lock_out=(pom,)),
        )
    assert _nothing_written()


def test_each_label_on_the_sharing_page_names_its_own_box(
    client_for: Callable[[User], Client], spo: User, person: Person
) -> None:
    """The exclusion and restriction forms both ask for a reason: the ids must differ, or
    both labels point at the first box."""
    body = client_for(spo).get(reverse("sharing:person", args=[person.pk])).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', body)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert 'for="restriction-reason"' in body and 'for="exclusion-reason"' in body
