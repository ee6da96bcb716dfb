"""Changes to signed documents, each in one transaction with its audit events: start a
document, reassess (a new version filled from the last locked one), save a section, submit,
return with comments, countersign. Each asks the lifecycle table (`lifecycle.py`) whether the
user, as author or countersigner (`actors.py`), may take the step from the version's state
now (read under a row lock, so two steps at once queue), then calls the kind's `after_change`.

Submitting tells the case team's senior probation officers that a version waits for their
countersignature; returning it tells its author; countersigning (or returning) closes what
was asked of the SPOs, and submitting again closes what was asked of the author.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from throughcare.access import case_team, policy
from throughcare.audit import services as audit
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.notifications import services as notifications
from throughcare.notifications.models import Notification
from throughcare.ui import answers

from . import kinds
from .actors import actors
from .lifecycle import Action, Actor, NotAllowed, State, after, allowed
from .models import Comment, Document, Version

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

TEXT_LIMIT = 20_000
KEY_LIMIT = 40


def version_url(version: Version, page: str = "records:version") -> str:
    return reverse(
        page,
        kwargs={
            "person_id": version.person_id,
            "document_kind": version.document.kind,
            "number": version.number,
        },
    )


def _step(user: User, current: Version, action: Action) -> State:
    """The state the action leads to for this user, or Refused saying why not."""
    held = actors(user, current.person, current)
    if not held:
        raise Refused("You cannot do that on this record")
    state = State(current.state)
    for actor in sorted(held):
        if allowed(state, action, actor):
            return after(state, action, actor)
    try:
        after(state, action, min(held))
    except NotAllowed as refusal:
        raise Refused(str(refusal)) from None
    raise AssertionError("the lifecycle table allowed what it refused")  # pragma: no cover


def _current(version: Version) -> Version:
    """The version as it is now, locked until the transaction ends."""
    return (
        Version.objects.select_for_update(of=("self",))
        .select_related("person", "document")
        .get(pk=version.pk)
    )


def _saved(current: Version, user: User, fields: list[str], audited: list[str]) -> None:
    current.version += 1
    current.updated_by = user
    current.save(update_fields=[*fields, "version", "updated_by"])
    record_for(current, user=user, operation=Operation.ALTERATION, fields=audited)


def _after_change(user: User, version: Version) -> None:
    hook = kinds.kind(version.document.kind).after_change
    if hook is not None:
        hook(user, version)


def _refresh(version: Version, current: Version) -> Version:
    """Brings the caller's copy up to date with the row as saved."""
    for field in Version._meta.concrete_fields:
        setattr(version, field.attname, getattr(current, field.attname))
    version._loaded_state = current.state
    return version


def _check_text(field: str, text: str, missing: str | None = None) -> None:
    if missing and not text.strip():
        raise Invalid({field: missing})
    if len(text) > TEXT_LIMIT:
        raise Invalid({field: "Enter 20,000 characters or fewer"})


@transaction.atomic
def start(user: User, person: Person, kind: str) -> Version:
    """Version 1 of a new document of this kind about the person, a draft by the user."""
    already = f"This person already has a {kinds.kind(kind).title.lower()}: reassess it instead"
    if not policy.can(user, person, policy.Action.EDIT):
        raise Refused("Only the allocated staff can start this")
    if Document.objects.filter(person=person, kind=kind).exists():
        raise Refused(already)
    try:
        with transaction.atomic():  # two starts at once: the second meets the constraint
            document = Document.objects.create(person=person, kind=kind, created_by=user)
    except IntegrityError:
        raise Refused(already) from None
    record_for(document, user=user, operation=Operation.COLLECTION, fields=["kind"])
    version = Version.objects.create(
        person=person, document=document, number=1, author=user, created_by=user
    )
    record_for(version, user=user, operation=Operation.COLLECTION, fields=["number", "state"])
    _after_change(user, version)
    return version


@transaction.atomic
def reassess(user: User, document: Document) -> Version:
    """A new draft filled from the latest locked version: its answers copied and each section
    marked complete, for the author to review and change. Refused while a version is open."""
    document = Document.objects.select_for_update().select_related("person").get(pk=document.pk)
    if not policy.can(user, document.person, policy.Action.EDIT):
        raise Refused("Only the allocated staff can reassess")
    if document.open_version() is not None:
        raise Refused("A version is still open: finish it before starting another")
    base = document.latest_locked()
    if base is None:
        raise Refused("There is no locked version to start from")
    number = (document.versions.order_by("-number").values_list("number", flat=True).first()) or 0
    version = Version.objects.create(
        person=document.person,
        document=document,
        number=number + 1,
        previous=base,
        author=user,
        content=json.loads(json.dumps(base.content)),
        sections={key: {**meta, "complete": True} for key, meta in base.sections.items()},
        created_by=user,
    )
    record_for(
        version,
        user=user,
        operation=Operation.COLLECTION,
        fields=["number", "state", "previous", "content", "sections"],
    )
    _after_change(user, version)
    return version


def _stored(key: str, values: Mapping[str, Any]) -> dict[str, Any]:
    if not key or len(key) > KEY_LIMIT:
        raise Invalid({"__all__": "There is no such section"})
    stored = {str(name): answers.to_json(value) for name, value in values.items()}
    try:
        json.dumps(stored)
    except (TypeError, ValueError):
        raise Invalid(
            {"__all__": "An answer could not be saved: check it and save again"}
        ) from None
    for name, value in stored.items():
        if isinstance(value, str) and len(value) > TEXT_LIMIT:
            raise Invalid({name: "Enter 20,000 characters or fewer"})
    return stored


@transaction.atomic
def save_section(
    user: User,
    version: Version,
    key: str,
    values: Mapping[str, Any],
    *,
    expected: int,
    complete: bool,
) -> None:
    """Saves one section's answers (all of them: the section's answers are replaced) and
    whether it is complete. Stale if someone saved the section since `expected` (its version
    when the user loaded it; 0: never saved); Refused if the version may not be edited."""
    stored = _stored(key, values)
    current = _current(version)
    state = _step(user, current, Action.EDIT)
    meta = current.sections.get(key, {})
    before = current.content.get(key, {})
    changed = [n for n in sorted(set(before) | set(stored)) if before.get(n) != stored.get(n)]
    if int(meta.get("version", 0)) != expected:
        raise Stale("Someone else saved this section", changed=changed, current=meta)
    current.content = {**current.content, key: stored}
    current.sections = {
        **current.sections,
        key: {
            "version": expected + 1,
            "complete": bool(complete),
            "saved_by": user.full_name,
            "saved_at": clock.now().isoformat(),
        },
    }
    current.state = state
    _saved(
        current,
        user,
        ["content", "sections", "state"],
        [*(f"{key}.{name}" for name in changed), f"{key} complete"],
    )
    _refresh(version, current)
    _after_change(user, version)


@transaction.atomic
def submit(
    user: User, version: Version, *, countersignature_reason: str, note: str = ""
) -> Version:
    """Submits the version. With no reason to countersign it, it locks at once; else it waits
    for the countersignature and the case team's SPOs are told."""
    _check_text("note", note)
    current = _current(version)
    current.state = _step(user, current, Action.SUBMIT)
    current.submitted_at = clock.now()
    current.submitted_note = note.strip()
    current.countersignature_reason = countersignature_reason.strip()[:300]
    _saved(
        current,
        user,
        ["state", "submitted_at", "submitted_note", "countersignature_reason"],
        ["state", "submitted_at", "submitted_note", "countersignature_reason"],
    )
    notifications.close(
        by=user,
        subject_type=RecordType.SIGNED_DOCUMENT_VERSION,
        subject_id=current.pk,
        kinds=[Notification.Kind.RETURNED_DOCUMENT],
    )
    if current.countersignature_reason:
        title = kinds.kind(current.document.kind).title
        notifications.notify(
            by=user,
            person_id=current.person_id,
            recipients=case_team.team_spos(current.person),
            notice=notifications.Notice(
                kind=Notification.Kind.COUNTERSIGNATURE,
                summary=f"{title} to countersign",
                url=version_url(current, "records:review"),
                subject_type=RecordType.SIGNED_DOCUMENT_VERSION,
                subject_id=current.pk,
                due_on=clock.today(),
            ),
        )
    else:
        _lock(user, current)
    _refresh(version, current)
    _after_change(user, version)
    return version


def _lock(user: User, current: Version) -> None:
    current.state = after(State(current.state), Action.LOCK, Actor.SYSTEM)
    current.locked_at = clock.now()
    _saved(current, user, ["state", "locked_at"], ["state", "locked_at"])


def _close_countersignature(user: User, version: Version) -> None:
    notifications.close(
        by=user,
        subject_type=RecordType.SIGNED_DOCUMENT_VERSION,
        subject_id=version.pk,
        kinds=[Notification.Kind.COUNTERSIGNATURE],
    )


def _comment(user: User, version: Version, text: str, kind: str) -> Comment:
    comment = Comment.objects.create(
        person_id=version.person_id, version=version, author=user, text=text, kind=kind
    )
    # Not `record_for`: a comment's `version` is the version it is on, not a row version.
    audit.record(
        user=user,
        operation=Operation.COLLECTION,
        record_type=comment.audit_record_type,
        record_id=comment.pk,
        person_id=comment.person_id,
        fields=["text", "kind"],
    )
    return comment


@transaction.atomic
def return_for_changes(user: User, version: Version, comments: str) -> Version:
    """The countersigner returns the version to its author with comments (required): the
    author is told, and may change it and submit it again."""
    _check_text("comments", comments, "Enter your comments: what needs to change, and why")
    current = _current(version)
    current.state = _step(user, current, Action.RETURN)
    _saved(current, user, ["state"], ["state"])
    _comment(user, current, comments.strip(), Comment.Kind.RETURNED)
    _close_countersignature(user, current)
    notifications.notify(
        by=user,
        person_id=current.person_id,
        recipients=[current.author],
        notice=notifications.Notice(
            kind=Notification.Kind.RETURNED_DOCUMENT,
            summary=f"{kinds.kind(current.document.kind).title} returned with comments",
            url=version_url(current),
            subject_type=RecordType.SIGNED_DOCUMENT_VERSION,
            subject_id=current.pk,
            due_on=clock.today(),
        ),
    )
    _refresh(version, current)
    _after_change(user, version)
    return version


@transaction.atomic
def countersign(user: User, version: Version, comments: str = "") -> Version:
    """The countersigner (never its author) countersigns the version, which locks it, in one
    transaction. Comments, if any, are kept with it."""
    _check_text("comments", comments)
    current = _current(version)
    current.state = _step(user, current, Action.COUNTERSIGN)
    current.countersigned_by = user
    current.countersigned_at = clock.now()
    _saved(
        current,
        user,
        ["state", "countersigned_by", "countersigned_at"],
        ["state", "countersigned_by", "countersigned_at"],
    )
    if comments.strip():
        _comment(user, current, comments.strip(), Comment.Kind.COUNTERSIGNED)
    _lock(user, current)
    _close_countersignature(user, current)
    _refresh(version, current)
    _after_change(user, version)
    return version
