"""The records pages' component parameters: the versions table, a version's details, its
answers by section, its comments, and what changed between two versions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, linebreaks

from throughcare.rules.times import when

from .diff import Change, RowLike
from .kinds import Kind
from .lifecycle import State
from .models import Comment, Version
from .services import version_url

TAG_CLASSES = {
    State.DRAFT: "govuk-tag--grey",
    State.SUBMITTED: "govuk-tag--yellow",
    State.RETURNED: "govuk-tag--orange",
    State.COUNTERSIGNED: "govuk-tag--turquoise",
    State.LOCKED: "govuk-tag--green",
}


def url(page: str, version: Version) -> str:
    """The address of a version's page ("version" or "review")."""
    return version_url(version, f"records:{page}")


def state_tag(version: Version) -> str:
    state = State(version.state)
    return format_html('<strong class="govuk-tag {}">{}</strong>', TAG_CLASSES[state], state.label)


def _row(key: str, value: str, html: bool = False) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"html" if html else "text": value}}


def _name(user: Any) -> str:
    return user.full_name if user is not None else ""


def versions_table(kind: Kind, versions: Sequence[Version], may_review: bool) -> dict[str, Any]:
    rows = []
    for version in versions:
        links = [format_html('<a class="govuk-link" href="{}">View</a>', url("version", version))]
        if version.number > 1:
            compare = reverse(
                "records:compare",
                kwargs={"person_id": version.person_id, "document_kind": kind.key},
            )
            links.append(
                format_html(
                    '<a class="govuk-link" href="{}?to={}">What changed</a>',
                    compare,
                    version.number,
                )
            )
        if may_review and version.state == State.SUBMITTED:
            links.append(
                format_html('<a class="govuk-link" href="{}">Review</a>', url("review", version))
            )
        rows.append(
            [
                {"text": f"Version {version.number}"},
                {"html": state_tag(version)},
                {"text": _name(version.author)},
                {"text": when(version.submitted_at) or "Not submitted"},
                {"text": _name(version.countersigned_by) or "Not countersigned"},
                {"html": format_html(" ".join(["{}"] * len(links)), *links)},
            ]
        )
    return {
        "caption": f"Versions of the {kind.title.lower()}",
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Version"},
            {"text": "State"},
            {"text": "Author"},
            {"text": "Submitted"},
            {"text": "Countersigned by"},
            {"html": '<span class="govuk-visually-hidden">Links</span>'},
        ],
        "rows": rows,
    }


def details(version: Version, *, with_note: bool) -> dict[str, Any]:
    rows = [
        _row("State", state_tag(version), html=True),
        _row("Author", _name(version.author)),
        _row("Started", when(version.created_at)),
        _row("Submitted", when(version.submitted_at) or "Not submitted"),
    ]
    if version.previous_id is not None and version.previous is not None:
        rows.append(_row("Filled from", f"Version {version.previous.number}"))
    if version.submitted_at is not None:
        rows.append(
            _row(
                "Countersignature",
                version.countersignature_reason or "Not needed: it locked on submission",
            )
        )
    if with_note and version.submitted_note:
        rows.append(_row("Note to the countersigner", linebreaks(version.submitted_note), True))
    if version.countersigned_by_id is not None:
        who = f"{_name(version.countersigned_by)}, {when(version.countersigned_at)}"
        rows.append(_row("Countersigned by", who))
    if version.locked_at is not None:
        rows.append(_row("Locked", when(version.locked_at)))
    return {"rows": rows}


def answer_cards(kind: Kind, rows: Iterable[RowLike]) -> list[dict[str, Any]]:
    """A summary card a section, its answers as rows."""
    cards: dict[str, dict[str, Any]] = {}
    for row in rows:
        card = cards.setdefault(
            row.section, {"card": {"title": {"text": kind.section_title(row.section)}}, "rows": []}
        )
        card["rows"].append(_row(row.label, row.shown))
    return list(cards.values())


def comments(found: Iterable[Comment]) -> list[dict[str, str]]:
    return [
        {
            "kind": comment.get_kind_display(),
            "by": f"{_name(comment.author)}, {when(comment.created_at)}",
            "text": comment.text,
        }
        for comment in found
    ]


def change_tables(
    kind: Kind, found: Sequence[Change], before: Version, after: Version
) -> list[dict[str, Any]]:
    """A table a section: each question whose answer changed, before and after."""
    missing = "Not in this version"
    tables: dict[str, dict[str, Any]] = {}
    for change in found:
        table = tables.setdefault(
            change.section,
            {
                "caption": kind.section_title(change.section),
                "captionClasses": "govuk-table__caption--m",
                "firstCellIsHeader": True,
                "head": [
                    {"text": "Question"},
                    {"text": f"Version {before.number}"},
                    {"text": f"Version {after.number}"},
                ],
                "rows": [],
            },
        )
        table["rows"].append(
            [
                {"text": change.label},
                {"text": change.before or missing},
                {"text": change.after or missing},
            ]
        )
    return list(tables.values())
