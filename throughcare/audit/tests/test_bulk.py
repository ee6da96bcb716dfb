from collections.abc import Callable

import pytest

from throughcare.access.models import User
from throughcare.audit import bulk
from throughcare.audit.models import AuditEvent, Operation
from throughcare.casework.models import CaseNote
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_bulk_update_and_delete_of_case_data_cannot_escape_the_audit(person: Person) -> None:
    with pytest.raises(bulk.UnauditedWriteError):
        Person.objects.filter(pk=person.pk).update(first_language="Welsh")
    with pytest.raises(bulk.UnauditedWriteError):
        CaseNote.objects.filter(person=person).delete()
    person.refresh_from_db()
    assert person.first_language == ""


def test_audited_update_records_an_event_per_row(
    com: User, make_person: Callable[..., Person]
) -> None:
    people = [make_person(), make_person()]
    before = AuditEvent.objects.count()
    changed = bulk.audited_update(
        Person.objects.filter(pk__in=[p.pk for p in people]),
        user=com,
        record_type="person",
        first_language="Welsh",
    )
    assert changed == 2
    events = AuditEvent.objects.order_by("id")[before:]
    assert {(e.person_id, e.operation, tuple(e.fields)) for e in events} == {
        (p.pk, Operation.ALTERATION, ("first_language",)) for p in people
    }


def test_audited_delete_records_erasure_with_reason(com: User, person: Person) -> None:
    bulk.audited_delete(
        Person.objects.filter(pk=person.pk), user=com, record_type="person", reason="Duplicate"
    )
    assert not Person.objects.filter(pk=person.pk).exists()
    event = AuditEvent.objects.get(person_id=person.pk, operation=Operation.ERASURE)
    assert event.reason == "Duplicate"
