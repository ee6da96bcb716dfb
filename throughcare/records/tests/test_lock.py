"""A locked version cannot change: not through the services, nor the ORM (a row loaded locked,
a queryset, the audited bulk writes, a cascade), nor the database itself (a trigger on
PostgreSQL and on SQLite). Comments are append-only at the same levels."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from throughcare.access.models import User
from throughcare.audit import bulk
from throughcare.audit.models import RecordType
from throughcare.core.errors import Refused
from throughcare.core.models import UnauditedWriteError
from throughcare.people.models import Person
from throughcare.records import services
from throughcare.records.lifecycle import State
from throughcare.records.models import Comment, Document, Version

from .conftest import ABOUT, reload

pytestmark = pytest.mark.django_db


def _sql(statement: str, params: list[Any]) -> str:
    """Runs a statement the database must refuse; returns its message."""
    with (
        pytest.raises(DatabaseError) as refused,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, params)
    return str(refused.value)


def test_the_services_refuse_to_change_a_locked_version(locked: Version, com: User) -> None:
    with pytest.raises(Refused, match="locked cannot be changed: start a new version"):
        services.save_section(com, locked, "about", ABOUT, expected=1, complete=True)
    with pytest.raises(Refused, match="locked cannot be submitted"):
        services.submit(com, locked, countersignature_reason="")
    assert reload(locked).content == {"about": ABOUT}


def test_the_orm_refuses_to_save_or_delete_a_row_loaded_locked(locked: Version) -> None:
    version = reload(locked)
    version.content = {"about": {"summary": "Rewritten"}}
    with pytest.raises(Refused, match="This version is locked"):
        version.save()
    with pytest.raises(Refused, match="This version is locked"):
        version.delete()
    # A copy loaded before it locked is stopped by the database instead (below); refreshed,
    # it is refused here.
    stale = Version.objects.get(pk=locked.pk)
    stale._loaded_state = State.DRAFT
    stale.refresh_from_db()
    with pytest.raises(Refused):
        stale.save()
    assert reload(locked).content == {"about": ABOUT}


def test_querysets_and_the_audited_bulk_writes_refuse_locked_versions(
    locked: Version, com: User
) -> None:
    rows = Version.objects.filter(pk=locked.pk)
    with pytest.raises(UnauditedWriteError):
        rows.update(content={})
    with pytest.raises(UnauditedWriteError):
        rows.delete()
    with pytest.raises(Refused, match="This version is locked"):
        bulk.audited_update(
            rows, user=com, record_type=RecordType.SIGNED_DOCUMENT_VERSION, content={}
        )
    with pytest.raises(Refused, match="This version is locked"):
        bulk.audited_delete(
            rows, user=com, record_type=RecordType.SIGNED_DOCUMENT_VERSION, reason="Tidying"
        )
    assert reload(locked).content == {"about": ABOUT}


def test_the_audited_bulk_writes_still_work_on_open_versions(draft: Version, com: User) -> None:
    changed = bulk.audited_update(
        Version.objects.filter(pk=draft.pk),
        user=com,
        record_type=RecordType.SIGNED_DOCUMENT_VERSION,
        submitted_note="Checked",
    )
    assert changed == 1 and reload(draft).submitted_note == "Checked"


def test_a_cascade_from_the_person_or_document_refuses_a_locked_version(
    locked: Version, com: User, person: Person
) -> None:
    with pytest.raises(Refused):
        bulk.audited_delete(
            Person.objects.filter(pk=person.pk), user=com, record_type="person", reason="Duplicate"
        )
    with pytest.raises(Refused):
        bulk.audited_delete(
            Document.objects.filter(pk=locked.document_id),
            user=com,
            record_type=RecordType.SIGNED_DOCUMENT,
            reason="Duplicate",
        )
    assert Version.objects.filter(pk=locked.pk).exists()


def test_the_database_refuses_to_change_or_delete_a_locked_version(
    locked: Version, draft: Version
) -> None:
    """On PostgreSQL and on SQLite, a trigger below the ORM (the tests connect as the owner)."""
    for statement in (
        "UPDATE records_version SET content = '{}' WHERE id = %s",
        "UPDATE records_version SET state = 'draft' WHERE id = %s",
        "DELETE FROM records_version WHERE id = %s",
    ):
        message = _sql(statement, [locked.pk])
        assert "A locked version cannot change" in message
        assert ("DELETE" if statement.startswith("DELETE") else "UPDATE") in message
    assert reload(locked).content == {"about": ABOUT}
    assert reload(locked).state == State.LOCKED


def test_the_database_lets_an_open_version_change_and_lock(com: User, person: Person) -> None:
    version = services.start(com, person, "sample-record")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_version SET submitted_note = 'x', state = 'locked' WHERE id = %s",
            [version.pk],
        )
    assert reload(version).state == State.LOCKED


def test_comments_are_append_only(submitted: Version, spo: User) -> None:
    services.return_for_changes(spo, submitted, "Add the source of the level")
    comment = Comment.objects.get()
    comment.text = "Something else"
    with pytest.raises(Refused, match="kept as written"):
        comment.save()
    with pytest.raises(Refused, match="kept as written"):
        comment.delete()
    with pytest.raises(UnauditedWriteError):
        Comment.objects.filter(pk=comment.pk).update(text="x")
    with pytest.raises(Refused, match="kept as written"):
        bulk.audited_update(
            Comment.objects.all(),
            user=spo,
            record_type=RecordType.SIGNED_DOCUMENT_COMMENT,
            text="x",
        )
    for statement in (
        "UPDATE records_comment SET text = 'x' WHERE id = %s",
        "DELETE FROM records_comment WHERE id = %s",
    ):
        assert "Comments on a version are append-only" in _sql(statement, [comment.pk])
    assert Comment.objects.get().text == "Add the source of the level"


def test_the_triggers_are_in_place_on_this_database() -> None:
    """A migration that rebuilds a table on SQLite drops its triggers: this names them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN "
                "('records_version'::regclass, 'records_comment'::regclass)"
            )
            wanted = {"records_version_locked", "records_comment_append_only"}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            wanted = {
                "records_version_locked_update",
                "records_version_locked_delete",
                "records_comment_no_update",
                "records_comment_no_delete",
            }
        names = {row[0] for row in cursor.fetchall()}
    assert wanted <= names
