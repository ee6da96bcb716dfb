from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.casework.models import CaseNote
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _note(day: int, month: int, year: int, **extra: str) -> dict[str, str]:
    return {
        "note_type": "contact",
        "occurred_on_day": str(day),
        "occurred_on_month": str(month),
        "occurred_on_year": str(year),
        "text": "Talked about housing on release.",
        **extra,
    }


def test_add_a_case_note_and_see_it_in_the_timeline(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    client = client_for(com)
    url = reverse("casework:activity", args=[person.pk])
    today = clock.today()
    response = client.post(url, _note(today.day, today.month, today.year, sensitive="on"))
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert note.sensitive and note.author == com and note.person == person
    body = client.get(url).content.decode()
    assert "Talked about housing on release." in body
    assert "Case note added" in body
    assert "Sensitive" in body
    assert com.full_name in body
    assert AuditEvent.objects.filter(
        record_type="case note", record_id=str(note.pk), operation=Operation.COLLECTION
    ).exists()


def test_a_note_dated_in_the_future_is_refused_and_the_text_kept(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    future = clock.today() + timedelta(days=3)
    response = client_for(com).post(
        reverse("casework:activity", args=[person.pk]),
        _note(future.day, future.month, future.year),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Date must be today or in the past" in body
    assert "Talked about housing on release." in body
    assert not CaseNote.objects.exists()


def test_an_empty_note_is_refused(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    today = clock.today()
    response = client_for(com).post(
        reverse("casework:activity", args=[person.pk]),
        _note(today.day, today.month, today.year, text=""),
    )
    assert response.status_code == 200
    assert 'href="#id_text"' in response.content.decode()
    assert not CaseNote.objects.exists()


def test_mark_a_note_sensitive_is_audited(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    from throughcare.casework import services

    note = services.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": clock.today(), "text": "Seen."}
        ),
    )
    response = client_for(com).post(reverse("casework:mark-sensitive", args=[person.pk, note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.sensitive and note.version == 2
    assert AuditEvent.objects.filter(
        record_type="case note",
        record_id=str(note.pk),
        operation=Operation.ALTERATION,
        fields=["sensitive"],
    ).exists()


def test_another_team_cannot_add_or_flag_notes(
    client_for: Callable[[User], Client], make_user: Callable[..., User], com: User, person: Person
) -> None:
    from throughcare.casework import services

    note = services.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": clock.today(), "text": "Seen."}
        ),
    )
    stranger = client_for(make_user(Role.COM, "other_team"))
    today = clock.today()
    assert (
        stranger.post(
            reverse("casework:activity", args=[person.pk]),
            _note(today.day, today.month, today.year),
        ).status_code
        == 404
    )
    assert (
        stranger.post(reverse("casework:mark-sensitive", args=[person.pk, note.pk])).status_code
        == 404
    )
    note.refresh_from_db()
    assert CaseNote.objects.count() == 1 and not note.sensitive


def test_flagging_needs_post_and_a_get_goes_back_to_the_timeline(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    from throughcare.casework import services

    note = services.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": clock.today(), "text": "Seen."}
        ),
    )
    response = client_for(com).get(reverse("casework:mark-sensitive", args=[person.pk, note.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:activity", args=[person.pk])
    note.refresh_from_db()
    assert not note.sensitive and note.version == 1


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_timeline_queries_do_not_grow_with_notes(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    from conftest import TODAY
    from throughcare.casework import services as casework

    client = client_for(com)
    url = reverse("casework:activity", args=[person.pk])
    note = {"note_type": "contact", "occurred_on": TODAY, "text": "Seen."}
    casework.add_case_note(
        user=com, person=person, note=NewCaseNote.from_cleaned(note), today=TODAY
    )

    def add(notes: int) -> None:
        for _ in range(notes):
            casework.add_case_note(
                user=com, person=person, note=NewCaseNote.from_cleaned(note), today=TODAY
            )

    few = _queries(client, url)
    add(15)
    assert _queries(client, url) == few
    # More notes than a page holds: they are counted too (core.paging), once, however many.
    add(settings.CASELOAD_PAGE_SIZE - 16)  # a full page: 25 notes
    assert _queries(client, url) == few
    add(1)
    assert _queries(client, url) == few + 1
    add(40)
    assert _queries(client, url) == few + 1


def test_the_timeline_is_audited_as_a_consultation_of_case_notes_in_the_one_spelling(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    client_for(com).get(reverse("casework:activity", args=[person.pk]))
    consulted = AuditEvent.objects.filter(person_id=person.pk, operation=Operation.CONSULTATION)
    assert list(consulted.values_list("record_type", flat=True)) == ["case note"]
