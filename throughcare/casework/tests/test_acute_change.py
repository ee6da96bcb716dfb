"""A case note may record a sudden change that can raise risk (risk.md's acute dynamic
factors); recording one, or an urgent concern, publishes an event in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.casework import services
from throughcare.casework.concerns import services as concern_services
from throughcare.casework.models import CaseNote
from throughcare.core import clock, events
from throughcare.core.errors import Invalid
from throughcare.people.models import Person
from throughcare.rules.times import LONDON

pytestmark = pytest.mark.django_db

Recorded = list[tuple[str, dict[str, Any]]]


@pytest.fixture
def published() -> Iterator[Recorded]:
    calls: Recorded = []

    def recorder(name: str) -> Callable[..., None]:
        return lambda **payload: calls.append((name, payload))

    subscriptions = {
        name: recorder(name)
        for name in (events.ACUTE_CHANGE_RECORDED, events.URGENT_CONCERN_RECORDED)
    }
    for name, callback in subscriptions.items():
        events.subscribe(name, callback)
    yield calls
    for name, callback in subscriptions.items():
        events.unsubscribe(name, callback)


def _posted(**extra: str) -> dict[str, str]:
    today = clock.today()
    return {
        "note_type": "contact",
        "occurred_on_day": str(today.day),
        "occurred_on_month": str(today.month),
        "occurred_on_year": str(today.year),
        "text": "His mother died last week; he has stopped going to the gym.",
        **extra,
    }


def _note(**changes: Any) -> services.NewCaseNote:
    values: dict[str, Any] = {
        "note_type": "contact",
        "occurred_on": clock.today(),
        "text": "His partner has left him.",
        **changes,
    }
    return services.NewCaseNote(**values)


def test_the_choices_are_the_acute_dynamic_factors() -> None:
    assert CaseNote.AcuteChange.labels == [
        "Onset of depression",
        "Relationship breakdown",
        "Bereavement",
        "Stopping medication",
        "Another sudden change",
    ]


def test_the_page_offers_the_sudden_change_as_optional_radios(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    body = client_for(com).get(reverse("casework:activity", args=[person.pk])).content.decode()
    assert "Sudden change (optional)" in body
    assert "If this note records a sudden change that can raise risk" in body
    for value in [*CaseNote.AcuteChange.values, "none"]:
        assert f'name="acute_change" type="radio" value="{value}"' in body
    assert "None of these" in body


def test_a_note_recording_a_bereavement_is_shown_and_published(
    client_for: Callable[[User], Client], com: User, person: Person, published: Recorded
) -> None:
    client = client_for(com)
    url = reverse("casework:activity", args=[person.pk])
    response = client.post(url, _posted(acute_change="bereavement"))
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert note.acute_change == CaseNote.AcuteChange.BEREAVEMENT
    assert published == [
        (
            events.ACUTE_CHANGE_RECORDED,
            {"user": com, "person": person, "note": note, "change": "bereavement"},
        )
    ]
    assert "<strong>Sudden change:</strong> Bereavement" in client.get(url).content.decode()
    event = AuditEvent.objects.get(record_type=RecordType.CASE_NOTE, record_id=str(note.pk))
    assert "acute_change" in event.fields


@pytest.mark.parametrize("extra", [{}, {"acute_change": "none"}, {"acute_change": ""}])
def test_no_sudden_change_publishes_nothing(
    client_for: Callable[[User], Client],
    com: User,
    person: Person,
    published: Recorded,
    extra: dict[str, str],
) -> None:
    response = client_for(com).post(
        reverse("casework:activity", args=[person.pk]), _posted(**extra)
    )
    assert response.status_code == 302
    assert CaseNote.objects.get().acute_change == ""
    assert published == []


def test_a_sudden_change_not_in_the_list_is_refused(
    client_for: Callable[[User], Client], com: User, person: Person, published: Recorded
) -> None:
    response = client_for(com).post(
        reverse("casework:activity", args=[person.pk]), _posted(acute_change="a new job")
    )
    assert response.status_code == 200
    assert "Select a sudden change from the list" in response.content.decode()
    assert not CaseNote.objects.exists()
    assert published == []


def test_the_service_refuses_a_sudden_change_not_in_the_list(com: User, person: Person) -> None:
    with pytest.raises(Invalid) as refused:
        services.add_case_note(user=com, person=person, note=_note(acute_change="a new job"))
    assert refused.value.fields == {"acute_change": ["Select a sudden change from the list"]}
    assert not CaseNote.objects.exists()


@pytest.mark.parametrize("change", CaseNote.AcuteChange.values)
def test_every_sudden_change_is_published(
    com: User, person: Person, published: Recorded, change: str
) -> None:
    note = services.add_case_note(user=com, person=person, note=_note(acute_change=change))
    assert published == [
        (
            events.ACUTE_CHANGE_RECORDED,
            {"user": com, "person": person, "note": note, "change": change},
        )
    ]


def test_a_failing_subscriber_leaves_no_note(com: User, person: Person) -> None:
    def fail(**payload: Any) -> None:
        raise RuntimeError("the assessment could not be marked")

    events.subscribe(events.ACUTE_CHANGE_RECORDED, fail)
    try:
        with pytest.raises(RuntimeError):
            services.add_case_note(
                user=com, person=person, note=_note(acute_change="relationship breakdown")
            )
    finally:
        events.unsubscribe(events.ACUTE_CHANGE_RECORDED, fail)
    assert not CaseNote.objects.exists()


def test_recording_an_urgent_concern_is_published(
    com: User, person: Person, published: Recorded
) -> None:
    now = clock.now().astimezone(LONDON) - timedelta(minutes=30)
    concern = concern_services.record_concern(
        user=com,
        person=person,
        concern=concern_services.NewConcern(
            concern_type="harm to a named person",
            account="He said he would hurt his ex-partner tonight.",
            occurred_on=now.date(),
            occurred_time=time(now.hour, now.minute),
            source_kind="person",
        ),
    )
    assert published == [
        (
            events.URGENT_CONCERN_RECORDED,
            {"user": com, "person": person, "concern": concern},
        )
    ]
