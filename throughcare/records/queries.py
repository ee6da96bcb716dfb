"""Reading signed documents. A page reads through the access the gate gave it (`Access`): the
person's documents only, and for a partner only the versions that are locked (a version being
written or waiting for its countersignature is never shared); the services read the open and
the latest locked version."""

from __future__ import annotations

from django.db.models import QuerySet

from throughcare.access.models import Role
from throughcare.access.policy import Access
from throughcare.core.errors import NotFound

from .lifecycle import State
from .models import Comment, Document, Version


def _shared(access: Access, found: QuerySet[Version]) -> QuerySet[Version]:
    """What this reader may read of these versions: partners, the locked ones only."""
    if access.user.role == Role.PARTNER:
        return found.filter(state=State.LOCKED)
    return found


def latest_locked(document: Document) -> Version | None:
    """The newest locked version: the document as it stands signed."""
    return document.latest_locked()


def open_version(document: Document) -> Version | None:
    """The version still being written or reviewed (at most one), if any."""
    return document.open_version()


def document(access: Access, kind: str) -> Document | None:
    """The person's document of this kind, if they have one."""
    return Document.objects.filter(person=access.person, kind=kind).first()


def versions(access: Access, document: Document) -> QuerySet[Version]:
    """The versions of the document this reader may read, oldest first."""
    found = document.versions.select_related("author", "countersigned_by").order_by("number")
    return _shared(access, found)


def version(access: Access, kind: str, number: int) -> Version:
    """One version of the person's document of this kind; NotFound if there is none."""
    found = (
        _shared(
            access,
            Version.objects.select_related("author", "countersigned_by", "document", "previous"),
        )
        .filter(person=access.person, document__kind=kind, number=number)
        .first()
    )
    if found is None:
        raise NotFound("No such version")
    return found


def comments(version: Version) -> QuerySet[Comment]:
    return version.comments.select_related("author").order_by("created_at", "pk")
