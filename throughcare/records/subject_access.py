"""The records app's part of the subject access export: each signed document about the person
and its versions (who wrote each, when it was submitted, countersigned and locked) with the
countersigner's comments. A version's answers are the owning app's to export, in its own part
(the assessment withholds third-party information there, with a reason): a kind's content is
only known to it."""

from __future__ import annotations

from typing import Any

from throughcare.core.subject_access import Part, Section

from . import kinds
from .lifecycle import State
from .models import Comment, Version


def _title(key: str) -> str:
    try:
        return kinds.kind(key).title
    except kinds.UnknownKind:
        return key.replace("-", " ").capitalize()


def _name(user: Any) -> str:
    return user.full_name if user is not None else ""


def _documents(person: Any) -> list[dict[str, Any]]:
    versions = (
        Version.objects.filter(person=person)
        .select_related("document", "author", "countersigned_by")
        .order_by("document__kind", "number")
    )
    comments: dict[int, list[dict[str, Any]]] = {}
    for comment in (
        Comment.objects.filter(person=person).select_related("author").order_by("created_at", "pk")
    ):
        comments.setdefault(comment.version_id, []).append(
            {
                "what": comment.get_kind_display(),
                "by": _name(comment.author),
                "at": comment.created_at,
                "text": comment.text,
            }
        )
    found: dict[str, dict[str, Any]] = {}
    for version in versions:
        document = found.setdefault(
            version.document.kind, {"document": _title(version.document.kind), "versions": []}
        )
        document["versions"].append(
            {
                "number": version.number,
                "state": State(version.state).label,
                "written_by": _name(version.author),
                "submitted_at": version.submitted_at,
                "countersigned_by": _name(version.countersigned_by),
                "countersigned_at": version.countersigned_at,
                "locked_at": version.locked_at,
                "comments": comments.get(version.pk, []),
            }
        )
    return list(found.values())


PART = Part(
    app="records",
    sections=(
        Section(
            "signed_documents",
            85,
            _documents,
            includes="the versions of their signed documents, such as assessments, and the "
            "countersigner's comments",
        ),
    ),
    covers={
        "records.Document": "signed_documents",
        "records.Version": "signed_documents",
        "records.Comment": "signed_documents",
    },
)
