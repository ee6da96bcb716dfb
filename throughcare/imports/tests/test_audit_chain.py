"""A bulk import appends its audit events through the fast appender: after importing a few
hundred rows, and re-importing them with changes, the chain verifies end to end."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain
from throughcare.people.models import Person, Sentence

from .helpers import row, write_csv

pytestmark = pytest.mark.django_db

ROWS = 300


def test_the_audit_chain_verifies_after_importing_a_few_hundred_rows(
    tmp_path: Path, com: User
) -> None:
    path = write_csv(tmp_path / "people.csv", [row(n, com.email) for n in range(ROWS)])
    call_command("import_people", str(path), stdout=io.StringIO())
    assert Person.objects.count() == ROWS and Sentence.objects.count() == ROWS
    collected = AuditEvent.objects.filter(operation=Operation.COLLECTION)
    assert collected.filter(record_type="person").count() == ROWS
    assert collected.filter(record_type="sentence").count() == ROWS
    changed = [row(n, com.email, family_name=f"Changed{n}") for n in range(ROWS)]
    call_command("import_people", str(write_csv(path, changed)), stdout=io.StringIO())
    altered = AuditEvent.objects.filter(operation=Operation.ALTERATION, record_type="person")
    assert altered.count() == ROWS
    assert {tuple(fields) for fields in altered.values_list("fields", flat=True)} == {
        ("family_name",)
    }
    assert verify_chain() == (AuditEvent.objects.count(), None)
    out = io.StringIO()
    call_command("verify_audit", "--full", "--checkpoints", "", stdout=out)
    assert f"{AuditEvent.objects.count():,} events checked" in out.getvalue()
