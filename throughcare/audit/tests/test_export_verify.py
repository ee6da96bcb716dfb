"""The audit export carries every field needed to re-verify the chain, and `verify_audit --csv`
does so from the file alone: an intact export passes; an edited or removed row is named."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit import chain, queries
from throughcare.audit import services as audit
from throughcare.audit.models import AuditEvent, Operation, Outcome
from throughcare.core import clock
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _dates(prefix: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


@pytest.fixture
def exported(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
    tmp_path: Path,
) -> Path:
    """An export of today's events, with awkward values in them, saved as a file."""
    audit.record(user=None, operation=Operation.CONSULTATION, record_type="sign-in page")
    for reason in ("=HYPERLINK(evil)", "'already quoted", "-minus", "Line one\nline two, “quoted”"):
        audit.record(
            user=com,
            operation=Operation.ALTERATION,
            record_type="person",
            record_id=person.pk,
            person_id=person.pk,
            record_version=3,
            fields=["given_name", "family_name"],
            reason=reason,
            outcome=Outcome.REFUSED,
            recipient="Test Housing",
        )
    today = clock.today()
    response = client_for(make_user(Role.ADMIN, None)).post(
        reverse("oversight:export"), {**_dates("first_day", today), **_dates("last_day", today)}
    )
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    path = tmp_path / "audit.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(queries.EXPORT_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)


def test_the_export_carries_every_field_the_hash_covers(exported: Path) -> None:
    assert set(chain.KEYED_FIELDS) <= set(queries.EXPORT_COLUMNS)
    rows = {row["record_type"] + row["reason"]: row for row in _rows(exported)}
    anonymous = rows["sign-in page"]
    assert anonymous["user_id"] == "" and anonymous["key_id"] == "test-2"
    formula = rows["person'=HYPERLINK(evil)"]  # still never run as a spreadsheet formula
    assert formula["record_version"] == "3" and formula["user_id"].isdigit()
    assert "person''already quoted" in rows


def test_verify_audit_checks_an_export_from_the_file_alone(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify_audit", csv=str(exported))
    # Every event of the day, the export's own included (it is recorded before the rows are
    # read).
    count = AuditEvent.objects.count()
    assert len(_rows(exported)) == count
    assert f"Audit export intact: {count} events" in capsys.readouterr().out


def test_an_edited_row_of_an_export_is_named(exported: Path) -> None:
    rows = _rows(exported)
    rows[2]["reason"] = "nothing to see"
    _write(exported, rows)
    with pytest.raises(CommandError, match=f"failed at event {rows[2]['id']}: altered"):
        call_command("verify_audit", csv=str(exported))


def test_a_removed_row_of_an_export_is_named(exported: Path) -> None:
    rows = _rows(exported)
    del rows[2]
    _write(exported, rows)
    with pytest.raises(CommandError, match=f"failed at event {rows[2]['id']}: removed"):
        call_command("verify_audit", csv=str(exported))


def test_an_export_without_every_column_cannot_be_verified(exported: Path) -> None:
    rows = _rows(exported)
    for row in rows:
        del row["key_id"], row["user_id"]
    with exported.open("w", encoding="utf-8", newline="") as file:
        columns = [c for c in queries.EXPORT_COLUMNS if c not in ("key_id", "user_id")]
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(CommandError, match=r"missing: key_id, user_id"):
        call_command("verify_audit", csv=str(exported))
