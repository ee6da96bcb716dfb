"""Reading signed documents. A page reads through the access the gate gave it (`Access`): the
person's documents only; the services read the open and the latest locked version."""

from __future__ import annotations

from django.db.models import QuerySet

from throughcare.access.policy import Access
from throughcare.core.errors import NotFound

from .models import Comment, Document, Version


def latest_locked(document: Document) -> Version | None:
    """The newest locked version: the document as it stands signed."""
    return document.latest_locked()


def open_version(document: Document) -> Version | None:
    """The version still being written or reviewed (at most one), if any."""
    return document.open_version()


def document(access: Access, kind: str) -> Document | None:
    """The person's document of this kind, if they have one."""
    return Document.objects.filter(person=access.person, kind=kind).first()


def versions(document: Document) -> QuerySet[Version]:
    return document.versions.select_related("author", "countersigned_by").order_by("number")


def version(access: Access, kind: str, number: int) -> Version:
    """One version of the person's document of this kind; NotFound if there is none."""
    found = (
        Version.objects.select_related("author", "countersigned_by", "document", "previous")
        .filter(person=access.person, document__kind=kind, number=number)
        .first()
    )
    if found is None:
        raise NotFound("No such version")
    return found


def comments(version: Version) -> QuerySet[Comment]:
    return version.comments.select_related("author").order_by("created_at", "pk")
