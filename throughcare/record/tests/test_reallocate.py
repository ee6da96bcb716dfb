from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people.models import Person
from throughcare.record.tests.page_form import form_values

pytestmark = pytest.mark.django_db


def test_the_team_spo_reallocates_and_the_new_com_sees_the_case(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    pom: User,
    person: Person,
) -> None:
    spo = make_user(Role.SPO, "team")
    new_com = make_user(Role.COM, "other_team")
    url = reverse("record:reallocate", args=[person.pk])
    assert (
        "Change allocation"
        in client_for(spo).get(reverse("record:overview", args=[person.pk])).content.decode()
    )
    response = client_for(spo).post(
        url, {"pom": pom.pk, "com": new_com.pk, "version": person.version}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.com == new_com
    event = AuditEvent.objects.filter(person_id=person.pk, operation=Operation.ALTERATION).last()
    assert event is not None and event.fields == ["com"] and event.user == spo
    assert client_for(new_com).get(reverse("record:overview", args=[person.pk])).status_code == 200


def test_a_stale_reallocation_is_refused(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    pom: User,
    person: Person,
) -> None:
    spo = make_user(Role.SPO, "team")
    other = make_user(Role.COM, "team")
    url = reverse("record:reallocate", args=[person.pk])
    loaded = person.version
    client_for(spo).post(url, {"pom": pom.pk, "com": other.pk, "version": loaded})
    response = client_for(spo).post(url, {"pom": "", "com": other.pk, "version": loaded})
    assert "Someone else changed this record" in response.content.decode()
    person.refresh_from_db()
    assert person.pom == pom


def test_nobody_left_holding_the_case_is_refused(
    client_for: Callable[[User], Client], make_user: Callable[..., User], person: Person
) -> None:
    spo = make_user(Role.SPO, "team")
    response = client_for(spo).post(
        reverse("record:reallocate", args=[person.pk]),
        {"pom": "", "com": "", "version": person.version},
    )
    assert "so the case has an owner" in response.content.decode()


def test_only_the_team_spo_may_reallocate(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    assert client_for(com).get(reverse("record:reallocate", args=[person.pk])).status_code == 403


def test_saving_a_refused_reallocation_again_keeps_the_other_change(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    pom: User,
    person: Person,
) -> None:
    """One senior probation officer changes the COM while another, from the same version,
    changes the POM: the second is refused, and saving it again changes the POM only."""
    spo = make_user(Role.SPO, "team")
    new_com = make_user(Role.COM, "team")
    new_pom = make_user(Role.POM, "prison")
    client = client_for(spo)
    url = reverse("record:reallocate", args=[person.pk])
    tab_a, tab_b = form_values(client.get(url)), form_values(client.get(url))

    assert client.post(url, {**tab_a, "com": str(new_com.pk)}).status_code == 302
    refused = client.post(url, {**tab_b, "pom": str(new_pom.pk)})
    assert "Someone else changed this record" in refused.content.decode()
    person.refresh_from_db()
    assert (person.pom, person.com) == (pom, new_com)

    shown = form_values(refused)
    assert (shown["pom"], shown["com"]) == (str(new_pom.pk), str(new_com.pk))
    assert client.post(url, shown).status_code == 302
    person.refresh_from_db()
    assert (person.pom, person.com) == (new_pom, new_com)
