"""The services of signed documents: start, save a section, submit, return, countersign and
reassess; each audited, each asking the lifecycle table; notifications raised and closed."""

from __future__ import annotations

import pytest

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.notifications.models import Notification
from throughcare.people.models import Person
from throughcare.records import queries, services
from throughcare.records.actors import actors
from throughcare.records.lifecycle import Actor, State
from throughcare.records.models import Comment, Version

from . import sample_kind
from .conftest import ABOUT, KEY, reload

pytestmark = pytest.mark.django_db


def _events(record_type: str, operation: str | None = None) -> list[AuditEvent]:
    found = AuditEvent.objects.filter(record_type=record_type)
    if operation:
        found = found.filter(operation=operation)
    return list(found.order_by("id"))


def test_start_makes_version_one_a_draft_by_the_allocated_staff(com: User, person: Person) -> None:
    sample_kind.CHANGES.clear()
    version = services.start(com, person, KEY)
    assert (version.number, version.state, version.author) == (1, State.DRAFT, com)
    assert version.document.kind == KEY and version.document.person == person
    assert len(_events(RecordType.SIGNED_DOCUMENT, Operation.COLLECTION)) == 1
    assert len(_events(RecordType.SIGNED_DOCUMENT_VERSION, Operation.COLLECTION)) == 1
    assert [(com, State.DRAFT)] == sample_kind.CHANGES
    with pytest.raises(Refused, match="already has a sample record: reassess it instead"):
        services.start(com, person, KEY)


def test_only_the_allocated_staff_start_one(spo: User, person: Person) -> None:
    with pytest.raises(Refused):
        services.start(spo, person, KEY)
    assert not person.signed_documents.exists()


def test_a_section_saves_as_json_with_its_own_version(draft: Version, com: User) -> None:
    saved = reload(draft)
    assert saved.content == {"about": ABOUT}
    meta = saved.sections["about"]
    assert (meta["version"], meta["complete"], meta["saved_by"]) == (1, True, com.full_name)
    event = _events(RecordType.SIGNED_DOCUMENT_VERSION, Operation.ALTERATION)[-1]
    assert sorted(event.fields) == ["about complete", "about.level", "about.summary"]
    assert "Settled" not in str(event.fields)  # names, never values


def test_a_stale_section_save_is_refused_and_changes_nothing(draft: Version, com: User) -> None:
    with pytest.raises(Stale) as stale:
        services.save_section(
            com, draft, "about", {"summary": "Other", "level": "low"}, expected=0, complete=True
        )
    assert stale.value.changed == {"summary", "level"}
    assert reload(draft).content == {"about": ABOUT}


def test_only_the_author_actor_edits_and_never_a_submitted_version(
    submitted: Version, com: User, spo: User
) -> None:
    with pytest.raises(Refused, match="submitted: awaiting countersignature cannot be changed"):
        services.save_section(com, submitted, "about", ABOUT, expected=1, complete=True)
    with pytest.raises(Refused):
        services.save_section(spo, submitted, "about", ABOUT, expected=1, complete=True)


def test_submitting_with_no_reason_to_countersign_locks_at_once(locked: Version) -> None:
    version = reload(locked)
    assert version.state == State.LOCKED and version.locked
    assert version.submitted_at is not None and version.locked_at is not None
    assert not Notification.objects.filter(kind=Notification.Kind.COUNTERSIGNATURE).exists()


def test_submitting_for_countersignature_tells_the_teams_spos(
    submitted: Version, spo: User
) -> None:
    version = reload(submitted)
    assert version.state == State.SUBMITTED
    assert version.countersignature_reason == "The level is high"
    assert version.submitted_note == "No police information yet"
    notice = Notification.objects.get(kind=Notification.Kind.COUNTERSIGNATURE)
    assert notice.recipient == spo and notice.done_at is None
    assert notice.summary == "Sample record to countersign"
    assert notice.url.endswith(f"/{KEY}/versions/1/review/")


def test_return_needs_comments_then_tells_the_author(
    submitted: Version, com: User, spo: User
) -> None:
    with pytest.raises(Invalid) as invalid:
        services.return_for_changes(spo, submitted, "   ")
    assert "comments" in invalid.value.fields
    assert reload(submitted).state == State.SUBMITTED

    services.return_for_changes(spo, submitted, "Say where the level comes from")
    assert reload(submitted).state == State.RETURNED
    comment = Comment.objects.get()
    assert (comment.author, comment.kind, comment.text) == (
        spo,
        Comment.Kind.RETURNED,
        "Say where the level comes from",
    )
    asked = Notification.objects.get(kind=Notification.Kind.COUNTERSIGNATURE)
    assert asked.done_at is not None  # the SPO answered it
    told = Notification.objects.get(kind=Notification.Kind.RETURNED_DOCUMENT)
    assert told.recipient == com and told.url.endswith(f"/{KEY}/versions/1/")

    # The author changes it and submits it again: their notification closes, the SPO is asked.
    services.save_section(com, submitted, "about", ABOUT, expected=1, complete=True)
    services.submit(com, submitted, countersignature_reason="The level is high")
    told.refresh_from_db()
    assert told.done_at is not None
    assert reload(submitted).state == State.SUBMITTED
    assert (
        Notification.objects.filter(
            kind=Notification.Kind.COUNTERSIGNATURE, done_at__isnull=True
        ).count()
        == 1
    )


def test_countersigning_locks_in_one_transaction_and_closes_the_request(
    submitted: Version, spo: User
) -> None:
    sample_kind.CHANGES.clear()
    services.countersign(spo, submitted, "Agreed")
    version = reload(submitted)
    assert version.state == State.LOCKED
    assert (version.countersigned_by, version.countersigned_at) == (spo, version.locked_at)
    states = [e.fields for e in _events(RecordType.SIGNED_DOCUMENT_VERSION, Operation.ALTERATION)][
        -2:
    ]
    assert states == [["countersigned_at", "countersigned_by", "state"], ["locked_at", "state"]]
    assert Comment.objects.get().kind == Comment.Kind.COUNTERSIGNED
    assert not Notification.objects.filter(done_at__isnull=True).exists()
    assert [(spo, State.LOCKED)] == sample_kind.CHANGES


def test_the_author_never_countersigns(submitted: Version, com: User, spo: User) -> None:
    with pytest.raises(Refused):
        services.countersign(com, submitted)
    # An SPO who wrote a version is its author, not its countersigner.
    submitted.author = spo
    assert Actor.COUNTERSIGNER not in actors(spo, submitted.person, submitted)
    assert actors(spo, submitted.person, None) == {Actor.COUNTERSIGNER}
    assert reload(submitted).state == State.SUBMITTED


def test_reassess_fills_a_new_draft_from_the_latest_locked_version(
    locked: Version, com: User
) -> None:
    document = locked.document
    with pytest.raises(Refused, match="already has a sample record"):
        services.start(com, locked.person, KEY)  # one document a kind
    second = services.reassess(com, document)
    assert (second.number, second.state, second.previous) == (2, State.DRAFT, reload(locked))
    assert second.content == {"about": ABOUT}
    assert second.sections["about"]["complete"] is True
    assert queries.open_version(document) == second
    assert queries.latest_locked(document) == reload(locked)
    with pytest.raises(Refused, match="still open"):
        services.reassess(com, document)


def test_reassess_needs_a_locked_version(draft: Version, com: User) -> None:
    with pytest.raises(Refused, match="still open"):
        services.reassess(com, draft.document)
