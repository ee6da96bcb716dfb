"""Two users save the same record from the same version: the second is refused, nothing is
overwritten, and the second user sees what changed and keeps what they typed."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent
from throughcare.people import conflicts
from throughcare.people.models import Person
from throughcare.record.tests.page_form import form_values
from throughcare.ui.tests.html import squash

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
    url = reverse("record:change", args=[person.pk])
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
    changed = squash(body).split('data-testid="changed-meanwhile"', 1)[1].split("</table>")[0]
    assert "<th" in changed and "First language" in changed and "Welsh" in changed
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
    url = reverse("record:change", args=[person.pk])
    assert teammate.get(url).status_code == 403
    assert teammate.post(url, _form(person, person.version, first_language="X")).status_code == 403
    person.refresh_from_db()
    assert person.first_language == ""


def test_saving_again_after_a_refusal_keeps_what_the_colleague_changed(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    """Issue 7, item 4: Change details open in two tabs; tab A sets the nationality; tab B
    changes the first language and is refused; saving tab B again must not put the old
    nationality back, and must write only the first language."""
    person = make_person()
    client = client_for(com)
    url = reverse("record:change", args=[person.pk])
    tab_a, tab_b = form_values(client.get(url)), form_values(client.get(url))

    assert client.post(url, {**tab_a, "nationality": "British"}).status_code == 302
    refused = client.post(url, {**tab_b, "first_language": "Welsh"})
    assert refused.status_code == 200
    assert "Someone else changed this record" in refused.content.decode()
    person.refresh_from_db()
    assert (person.nationality, person.first_language) == ("British", "")  # nothing written

    shown = form_values(refused)
    assert shown["nationality"] == "British"  # their change, which this tab did not touch
    assert shown["first_language"] == "Welsh"  # this tab's change, kept

    assert client.post(url, shown).status_code == 302
    person.refresh_from_db()
    assert (person.nationality, person.first_language) == ("British", "Welsh")
    last = AuditEvent.objects.filter(record_type="person", record_id=str(person.pk)).last()
    assert last is not None and last.fields == ["first_language"]


def test_a_field_both_changed_is_shown_side_by_side_and_the_next_save_decides(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person(first_language="English")
    pom_user = person.pom
    assert pom_user is not None
    url = reverse("record:change", args=[person.pk])
    mine, theirs = client_for(com), client_for(pom_user)
    my_tab, their_tab = form_values(mine.get(url)), form_values(theirs.get(url))

    assert theirs.post(url, {**their_tab, "first_language": "Welsh"}).status_code == 302
    refused = mine.post(url, {**my_tab, "first_language": "Polish", "religion": "none"})
    person.refresh_from_db()
    assert (person.first_language, person.religion) == ("Welsh", "")
    body = squash(refused.content.decode())
    # The field both changed: their value beside this user's, in a row of the table.
    table = body.split('data-testid="changed-meanwhile"', 1)[1].split("</table>", 1)[0]
    assert "<th" in table and "First language" in table
    assert "Welsh" in table and "Polish" in table
    assert table.index("Welsh") < table.index("Polish")
    assert "Religion" not in table  # only this user changed it: not a conflict
    # The field is marked in the error summary and beside the field.
    assert 'href="#id_first_language"' in body
    shown = form_values(refused)
    assert (shown["first_language"], shown["religion"]) == ("Polish", "none")

    # Saving again, having seen theirs, keeps this user's value: a decision made in sight of it.
    assert mine.post(url, shown).status_code == 302
    person.refresh_from_db()
    assert (person.first_language, person.religion) == ("Polish", "none")


def test_a_stale_save_of_an_unchanged_form_writes_nothing_when_saved_again(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person(nationality="Irish", prison_number="A1234BC")
    client = client_for(com)
    url = reverse("record:change", args=[person.pk])
    tab_a, tab_b = form_values(client.get(url)), form_values(client.get(url))
    changed = {
        **tab_a,
        "nationality": "",
        "prison_number": "",
        "interpreter_required": "on",
        "date_of_birth_year": "1991",
        "religion": "none",
    }
    assert client.post(url, changed).status_code == 302
    refused = client.post(url, tab_b)  # nothing changed in this tab
    assert client.post(url, form_values(refused)).status_code == 302
    person.refresh_from_db()
    assert (person.nationality, person.prison_number, person.interpreter_required) == (
        "",
        None,
        True,
    )
    assert (person.date_of_birth.year, person.religion) == (1991, "none")


def test_who_changed_what_is_worked_out_from_the_values_loaded(
    make_person: Callable[..., Person],
) -> None:
    person = make_person(nationality="Irish", first_language="Irish")
    loaded = conflicts.snapshot(person, ["nationality", "first_language", "religion", "sex"])
    person.nationality, person.first_language, person.religion = "British", "English", "none"
    changes = conflicts.compare(
        current=person,
        submitted={
            "nationality": "Irish",  # untouched: theirs alone
            "first_language": "Welsh",  # both changed, differently: a conflict
            "religion": "none",  # both changed, the same way: no conflict
            "sex": "female",  # this user's alone
        },
        loaded=loaded,
        changed_meanwhile=[],
    )
    assert changes.theirs == {"nationality", "first_language", "religion"}
    assert changes.mine == {"first_language", "religion", "sex"}
    assert changes.conflicts == {"first_language"}


def test_a_token_for_another_record_or_version_or_altered_is_not_trusted(
    make_person: Callable[..., Person],
) -> None:
    one, other = make_person(), make_person()
    token = conflicts.loaded_token(one, one.version, ["nationality"])
    assert conflicts.loaded_values(token, one.pk, one.version) == {"nationality": ""}
    assert conflicts.loaded_values(token, other.pk, one.version) is None
    assert conflicts.loaded_values(token, one.pk, one.version + 1) is None
    assert conflicts.loaded_values(token[:-2] + "xx", one.pk, one.version) is None
    assert conflicts.loaded_values("", one.pk, one.version) is None


def test_the_same_save_sent_twice_is_written_once_and_not_refused(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    """A double click on "Save details" sends the form twice: the second finds the record
    already as it asks, so it is not refused as someone else's change, and writes nothing."""
    person = make_person()
    client = client_for(com)
    url = reverse("record:change", args=[person.pk])
    form = {**form_values(client.get(url)), "nationality": "British"}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    person.refresh_from_db()
    assert person.nationality == "British"
    assert (
        AuditEvent.objects.filter(
            record_type="person", record_id=str(person.pk), operation="alteration"
        ).count()
        == 1
    )
