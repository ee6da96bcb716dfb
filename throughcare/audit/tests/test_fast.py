"""Large batches of `record_many` go through `audit.fast`: the same events, hashed as the
chain's own code hashes them, that verify."""

import uuid

import pytest

from throughcare.access.models import User
from throughcare.audit import chain, fast, services
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_large_batch_is_chained_and_verifies(com: User, person: Person) -> None:
    first = services.record(user=com, operation=Operation.CONSULTATION, record_type="person")
    records = [(person.pk if n % 2 else None, f"r{n}") for n in range(services.FAST_FROM + 10)]
    services.record_many(
        user=com,
        operation=Operation.ALTERATION,
        record_type="person",
        records=records,
        reason="Bulk change",
        fields=["given_name", "family_name"],
    )
    events = list(AuditEvent.objects.filter(id__gte=first.pk).order_by("id"))
    assert len(events) == len(records) + 1
    batch = events[1:]
    assert [(e.person_id, e.record_id) for e in batch] == records
    assert {tuple(e.fields) for e in batch} == {("family_name", "given_name")}
    assert {(e.user_id, e.reason, e.operation) for e in batch} == {
        (com.pk, "Bulk change", "alteration")
    }
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash
        assert before.sequence is not None and after.shard == before.shard
        assert after.sequence == before.sequence + 1
        assert chain.matches(after)
    assert verify_chain() == (AuditEvent.objects.count(), None)


def test_an_unknown_record_type_is_refused_before_anything_is_written(com: User) -> None:
    with pytest.raises(ValueError):
        fast.append(
            user=com,
            operation=Operation.COLLECTION,
            record_type="no such record",
            records=[(uuid.uuid4(), 1)],
        )
    assert not AuditEvent.objects.exists()
