"""Where each fact came from (`Sourced`), and amendments after the day of writing (P15)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from throughcare.access.models import User
from throughcare.access.policy import Access, Relation
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.casework import queries, services
from throughcare.casework.models import Amendment, CaseNote
from throughcare.casework.services import NewAmendment, NewCaseNote
from throughcare.casework.sources import Source, SourceKind
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.people.models import Person
from throughcare.rules.dates import same_day_in_london

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 24)


def test_a_colleague_source_needs_their_name_and_role() -> None:
    with pytest.raises(Invalid) as raised:
        Source(SourceKind.COLLEAGUE, TODAY).check(TODAY)
    assert set(raised.value.fields) == {"source_name", "source_role"}
    Source(SourceKind.COLLEAGUE, TODAY, "Sam Patel", "Key worker").check(TODAY)


def test_the_person_as_source_needs_no_name_but_a_past_date() -> None:
    Source(SourceKind.PERSON, TODAY).check(TODAY)
    with pytest.raises(Invalid) as raised:
        Source(SourceKind.PERSON, TODAY + timedelta(days=1)).check(TODAY)
    assert list(raised.value.fields) == ["obtained_on"]


def test_an_unknown_kind_of_source_is_refused() -> None:
    with pytest.raises(Invalid) as raised:
        Source("rumour", TODAY).check(TODAY)
    assert list(raised.value.fields) == ["source_kind"]


def test_the_day_of_writing_ends_at_midnight_in_london_not_utc() -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    written = datetime(2026, 6, 30, 22, 0, tzinfo=ZoneInfo("UTC"))  # 23:00 London
    assert same_day_in_london(written, datetime(2026, 6, 30, 22, 59, tzinfo=ZoneInfo("UTC")))
    assert not same_day_in_london(written, datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC")))


@pytest.mark.django_db
def test_an_amendment_after_the_day_never_changes_the_original(com: User, person: Person) -> None:
    note = services.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote(note_type="contact", occurred_on=TODAY, text="Staying with his sister."),
    )
    assert services.may_change_in_place(note)
    clock.advance(timedelta(days=1))
    assert not services.may_change_in_place(note)
    with pytest.raises(Refused):
        services.require_change_in_place(note)

    amendment = services.add_amendment(
        user=com,
        entry=note,
        amendment=NewAmendment(text="Sister's tenancy ends in January.", reason="New information"),
    )

    note.refresh_from_db()
    assert note.text == "Staying with his sister." and note.version == 1
    assert amendment.created_by == com and amendment.created_at == clock.now()
    access = Access(com, person, Relation.ALLOCATED)
    shown = queries.amendments(access, RecordType.CASE_NOTE, [note.pk])
    assert [a.text for a in shown[str(note.pk)]] == ["Sister's tenancy ends in January."]
    event = AuditEvent.objects.filter(record_type=RecordType.AMENDMENT).get()
    assert event.operation == Operation.COLLECTION and event.person_id == person.pk
    assert CaseNote.objects.get(pk=note.pk).text == "Staying with his sister."


@pytest.mark.django_db
def test_an_empty_amendment_is_refused_and_nothing_is_written(com: User, person: Person) -> None:
    note = services.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote(note_type="contact", occurred_on=TODAY, text="Seen today."),
    )
    with pytest.raises(Invalid) as raised:
        services.add_amendment(user=com, entry=note, amendment=NewAmendment(text="  "))
    assert list(raised.value.fields) == ["text"]
    assert not Amendment.objects.exists()
