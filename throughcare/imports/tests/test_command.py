"""manage.py import_people: every problem with its row and column, nothing written unless
every row is good (or --partial), re-imports that change nothing, alterations audited, and
identifiers that belong to someone else reported, never merged."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people.models import Person, Sentence

from .helpers import jsonl_text, row, write_csv


def _run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_people", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _bad_file(tmp_path: Path, com: User) -> Path:
    return write_csv(
        tmp_path / "people.csv",
        [
            row(1, com.email),
            row(2, com.email, date_of_birth="1990-13-01", sex="unknown"),
            row(3, com.email, prison_number="XX", crd="2020-01-01"),
        ],
    )


def test_every_problem_is_reported_with_row_and_column_and_nothing_is_written(
    tmp_path: Path, com: User
) -> None:
    events = AuditEvent.objects.count()
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 4 problems in 2 of 3 rows"):
        call_command("import_people", str(_bad_file(tmp_path, com)), stdout=out)
    printed = out.getvalue()
    assert "Row 3, date_of_birth: Must be a real date" in printed
    assert "Row 3, sex: Must be one of: male, female" in printed
    assert "Row 4, prison_number: Enter a prison number" in printed
    assert "Row 4, crd: Conditional release date must be on or after the date of sentence" in (
        printed
    )
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_partial_imports_the_good_rows_and_writes_the_others_to_a_file(
    tmp_path: Path, com: User
) -> None:
    rejected = tmp_path / "rejected.csv"
    out, _ = _run(_bad_file(tmp_path, com), "--partial", "--rejected", str(rejected))
    assert list(Person.objects.values_list("crn", flat=True)) == ["A000001"]
    assert "1 people added" in out
    assert "2 rows not imported" in out
    lines = rejected.read_text().splitlines()
    assert lines[0].startswith("row,crn,")
    assert lines[0].endswith(",problems")
    assert [line.split(",")[0] for line in lines[1:]] == ["3", "4"]
    assert "date_of_birth: Must be a real date" in lines[1]


def test_a_file_with_a_bad_header_is_refused_even_with_partial(tmp_path: Path, db: None) -> None:
    path = tmp_path / "people.csv"
    path.write_text("crn,given_name,surname\nA000001,Ann,Smith\n")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_people", str(path), "--partial", stdout=out)
    assert "Row 1, family_name: This column is needed" in out.getvalue()
    assert Person.objects.count() == 0


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path, com: User) -> None:
    path = write_csv(tmp_path / "people.csv", [row(n, com.email) for n in range(1, 4)])
    out, err = _run(path)
    assert "3 people added" in out
    assert "rows imported" in err  # progress: rows done, the rate and the time left
    person = Person.objects.get(crn="A000001")
    assert person.release_date is not None and person.release_date.isoformat() == "2027-01-10"
    assert person.com == com
    events = AuditEvent.objects.count()
    out, _ = _run(path)
    assert "0 people added, 0 updated, 3 unchanged" in out
    assert AuditEvent.objects.count() == events
    assert Person.objects.get(crn="A000001").version == person.version
    assert Sentence.objects.count() == 3


def test_a_changed_row_updates_the_record_audited_as_an_alteration(
    tmp_path: Path, com: User
) -> None:
    _run(write_csv(tmp_path / "first.csv", [row(1, com.email), row(2, com.email)]))
    changed = [row(1, com.email, family_name="Renamed", crd="2027-02-01"), row(2, com.email)]
    out, _ = _run(write_csv(tmp_path / "second.csv", changed))
    assert "0 people added, 1 updated, 1 unchanged" in out
    person = Person.objects.get(crn="A000001")
    assert person.family_name == "Renamed"
    assert person.release_date is not None and person.release_date.isoformat() == "2027-02-01"
    alterations = AuditEvent.objects.filter(operation=Operation.ALTERATION)
    assert sorted((e.record_type, tuple(e.fields), e.person_id) for e in alterations) == [
        ("person", ("family_name",), person.pk),
        ("sentence", ("crd",), person.pk),
    ]
    assert all("Bulk import" in e.reason for e in alterations)


def test_an_identifier_that_belongs_to_another_person_is_reported_never_merged(
    tmp_path: Path, com: User
) -> None:
    _run(write_csv(tmp_path / "first.csv", [row(1, com.email)]))
    clash = [
        row(5, com.email, prison_number="B0001CD"),  # person 1's prison number
        row(6, com.email, pnc_number="2010/0000777A"),
        row(7, com.email, pnc_number="2010/777A"),  # the same PNC number, short form
    ]
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_people", str(write_csv(tmp_path / "c.csv", clash)), stdout=out)
    printed = out.getvalue()
    assert "Row 2, prison_number: This prison number already belongs to another person's" in (
        printed
    )
    assert "Row 4, pnc_number: This PNC number is also given in row 3 for another CRN" in printed
    assert Person.objects.count() == 1
    assert Person.objects.get().crn == "A000001"


def test_json_lines_are_read_like_csv(tmp_path: Path, com: User) -> None:
    path = tmp_path / "people.jsonl"
    path.write_text(jsonl_text([row(1, com.email), row(2, com.email, sex="female", extra="x")]))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_people", str(path), stdout=out)
    assert "Row 2, extra: Not a field Throughcare reads" in out.getvalue()
    path.write_text(jsonl_text([row(1, com.email), row(2, com.email, sex="Female")]))
    out_text, _ = _run(path)
    assert "2 people added" in out_text
    assert Person.objects.get(crn="A000002").sex == "female"


def test_a_new_person_needs_an_owner(tmp_path: Path, com: User) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_people", str(write_csv(tmp_path / "p.csv", [row(1, "")])), stdout=out)
    assert "Row 2, com: Allocate a prison or community offender manager" in out.getvalue()


@pytest.mark.parametrize("kept", [True, False], ids=["rows kept", "rows checked again"])
def test_the_writing_pass_writes_the_rows_the_checking_pass_passed(
    tmp_path: Path, com: User, monkeypatch: pytest.MonkeyPatch, kept: bool
) -> None:
    """Whether the checked rows are kept for the writing pass (a small file) or checked again
    as they are written (a file over `KEEP_CHECKED` rows), the same rows are written, over
    several batches, a bad row in the middle and a CRN repeated in a later batch left out."""
    from throughcare.imports import running

    monkeypatch.setattr(running, "BATCH", 2)
    monkeypatch.setattr(running, "KEEP_CHECKED", 100 if kept else 1)
    checks = []
    check = running.Checker.check

    def counted(self: running.Checker, chunk: Any) -> Any:
        checks.append(len(chunk))
        return check(self, chunk)

    monkeypatch.setattr(running.Checker, "check", counted)
    rows = [row(n, com.email) for n in range(1, 6)]
    rows[2]["date_of_birth"] = "1990-02-30"
    rows.append(dict(rows[0], given_name="Again"))
    out, _ = _run(write_csv(tmp_path / "people.csv", rows), "--partial")
    assert sorted(Person.objects.values_list("crn", flat=True)) == sorted(
        rows[n]["crn"] for n in (0, 1, 3, 4)
    )
    assert not Person.objects.filter(given_name="Again").exists()
    assert Sentence.objects.count() == 4
    assert "6 rows: 4 people added, 0 updated, 0 unchanged, 2 not imported." in out
    assert len(checks) == (3 if kept else 6)  # 3 chunks, checked once or twice
