"""A case note's sensitive mark: set once however many times it is sent at once, and removed
only by the note's author or the team's SPO, audited."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.casework import services
from throughcare.casework.models import CaseNote
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people.models import Person


def _note(author: User, person: Person, sensitive: bool = False) -> CaseNote:
    return services.add_case_note(
        user=author,
        person=person,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": clock.today(),
                "text": "Seen at home.",
                "sensitive": sensitive,
            }
        ),
    )


def _changes(note: CaseNote) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            record_type="case note", record_id=str(note.pk), operation=Operation.ALTERATION
        ).order_by("pk")
    )


@pytest.mark.django_db
def test_the_author_removes_the_sensitive_mark_and_it_is_audited(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    note = _note(com, person, sensitive=True)
    client = client_for(com)
    activity = client.get(reverse("casework:activity", args=[person.pk])).content.decode()
    assert "Remove sensitive mark" in activity
    response = client.post(reverse("casework:unmark-sensitive", args=[person.pk, note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert not note.sensitive and note.version == 2
    [event] = _changes(note)
    assert event.fields == ["sensitive"] and event.user_id == com.pk and event.record_version == 2
    assert "Note is no longer marked as sensitive" in (
        client.get(reverse("casework:activity", args=[person.pk])).content.decode()
    )


@pytest.mark.django_db
def test_the_team_spo_removes_the_sensitive_mark(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    note = _note(com, person, sensitive=True)
    spo = client_for(make_user(Role.SPO, "team"))
    assert "Remove sensitive mark" in (
        spo.get(reverse("casework:activity", args=[person.pk])).content.decode()
    )
    assert (
        spo.post(reverse("casework:unmark-sensitive", args=[person.pk, note.pk])).status_code == 302
    )
    note.refresh_from_db()
    assert not note.sensitive and len(_changes(note)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["allocated POM who did not write it", "team colleague"])
def test_nobody_else_removes_the_sensitive_mark(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    pom: User,
    person: Person,
    who: str,
) -> None:
    note = _note(com, person, sensitive=True)
    user = pom if who.startswith("allocated") else make_user(Role.COM, "team")
    client = client_for(user)
    activity = client.get(reverse("casework:activity", args=[person.pk])).content.decode()
    assert "Seen at home." in activity  # they may read it...
    assert "Remove sensitive mark" not in activity  # ...but not unmark it
    response = client.post(reverse("casework:unmark-sensitive", args=[person.pk, note.pk]))
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.sensitive and note.version == 1 and not _changes(note)


@pytest.mark.django_db
def test_marking_with_a_stale_copy_of_the_note_writes_once(com: User, person: Person) -> None:
    note = _note(com, person)
    stale = CaseNote.objects.get(pk=note.pk)
    services.mark_sensitive(user=com, note=note)
    services.mark_sensitive(user=com, note=stale)  # the same form sent again from another tab
    note.refresh_from_db()
    assert note.sensitive and note.version == 2
    assert stale.version == 2
    assert len(_changes(note)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_sessions_marking_the_same_note_at_once_write_one_change(
    com: User, person: Person
) -> None:
    """Two requests, each with its own database connection, both loaded the note before
    either marked it. SQLite's shared in-memory test database refuses a second writer at once
    ("table is locked") rather than queueing it as a file database does, so there the two
    marks run one after the other, from the same two stale copies."""
    note = _note(com, person)
    copies = [CaseNote.objects.get(pk=note.pk) for _ in range(2)]
    if connection.vendor == "sqlite":
        for copy in copies:
            services.mark_sensitive(user=com, note=copy)
        note.refresh_from_db()
        assert note.sensitive and note.version == 2
        assert len(_changes(note)) == 1
        return
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def mark(copy: CaseNote) -> None:
        try:
            start.wait(timeout=10)
            services.mark_sensitive(user=com, note=copy)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=mark, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    note.refresh_from_db()
    assert note.sensitive and note.version == 2
    assert len(_changes(note)) == 1


@pytest.mark.django_db
def test_each_notes_forms_on_the_timeline_are_its_own(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    """The timeline renders each form once a page and puts each note's address and name in:
    the same HTML as rendering the form note by note, for notes of every type and date."""
    from django.utils.dateformat import format as format_date
    from django.utils.html import format_html

    from throughcare.ui import components

    notes = []
    for number, (note_type, _) in enumerate(CaseNote.Type.choices):
        cleaned = {
            "note_type": note_type,
            "occurred_on": clock.today().replace(month=number % 12 + 1, day=9),
            "text": "Seen at home.",
            "sensitive": number % 2 == 1,
        }
        notes.append(
            services.add_case_note(user=com, person=person, note=NewCaseNote.from_cleaned(cleaned))
        )
    page = client_for(com).get(reverse("casework:activity", args=[person.pk])).content.decode()
    timeline = page.split('data-testid="timeline"', 1)[1]  # one token for its forms
    csrf = timeline.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    for note in notes:
        url_name, action = (
            ("casework:unmark-sensitive", "Remove sensitive mark")
            if note.sensitive
            else ("casework:mark-sensitive", "Mark as sensitive")
        )
        button = components.render(
            "button",
            {
                "html": format_html(
                    '{}<span class="govuk-visually-hidden">: {}, {}</span>',
                    action,
                    note.get_note_type_display(),
                    format_date(note.occurred_on, "j F Y"),
                ),
                "classes": "govuk-button--secondary govuk-!-margin-bottom-0",
            },
        )
        expected = format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="{}">{}</form>',
            reverse(url_name, args=[person.pk, note.pk]),
            csrf,
            button,
        )
        assert expected in timeline, note.get_note_type_display()
