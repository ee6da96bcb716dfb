"""The Assessment section of the person's record: where the assessment stands (its headline,
the version being written or awaiting countersignature, and a way to start or reassess), and
the long form's pages through the record's frame. The versions, the difference between two
and the countersigner's review are the records app's pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from throughcare.access import policy
from throughcare.access.pages import View, person_page
from throughcare.core import clock
from throughcare.core.errors import NotFound, Refused
from throughcare.record import longform_pages, presenters
from throughcare.records import lifecycle
from throughcare.ui.error_pages import post_only

from . import computed, queries, services
from .draft import ASSESSMENT
from .rules.rosh import Level
from .sections.harm import GROUP_WORDS, levels_by_group
from .sections.headline import headline


def _levels(content: dict[str, Any], *, community_only: bool) -> list[dict[str, str]]:
    """The levels table as the page words it."""

    def shown(level: Level | None, rated: bool = True) -> str:
        return level.label if level else ("Not rated" if rated else "")

    rows = []
    for row in levels_by_group(content.get("rosh", {}), community_only=community_only):
        shown_row = {
            "group": GROUP_WORDS[row.group],
            "community": shown(row.community, row.in_community),
        }
        if not community_only:
            shown_row["custody"] = shown(row.custody)
        rows.append(shown_row)
    return rows


A = policy.Action
RECORD = "assessment"


def _gate(
    *, post: policy.Action | None = A.EDIT, action: policy.Action = A.VIEW
) -> Callable[[View], View]:
    return person_page(action=action, post_action=post, record_type=RECORD)


def _readable(access: policy.Access) -> None:
    if not queries.may_read_summary(access):
        raise NotFound("No such page")


def _full(access: policy.Access) -> None:
    """The long form's pages are the case team's workspace: a partner whose agreement shares
    the assessment reads its locked versions on the records pages instead."""
    if queries.is_partner(access) or not queries.may_read_full(access):
        raise NotFound("No such page")


@require_GET
@_gate(post=None)
def overview(request: HttpRequest, access: policy.Access) -> HttpResponse:
    _readable(access)
    assessment = queries.assessment(access)
    current = assessment.current if assessment else None
    stored = current.content.get(computed.SECTION, {}) if current else {}
    shown = None
    if current is not None:
        shown = headline(current.content, queries.record_facts(access.person), clock.today())
    full = queries.may_read_full(access)
    levels = _levels(current.content, community_only=not full) if current else []
    open_version = assessment.open if assessment and full else None
    if open_version is not None and queries.is_partner(access):
        open_version = None
    return render(
        request,
        "assessment/overview.html",
        presenters.person_page(
            access,
            "assessment",
            assessment=assessment,
            current=current,
            stored=stored,
            headline=shown,
            open_version=open_version,
            full=full,
            levels=levels,
            may_start=access.can(A.EDIT) and assessment is None,
            may_reassess=access.can(A.EDIT)
            and assessment is not None
            and assessment.open_id is None
            and current is not None,
            may_review=access.can(A.COUNTERSIGN)
            and open_version is not None
            and open_version.state == lifecycle.State.SUBMITTED
            and open_version.author_id != access.user.pk,
        ),
    )


@post_only("assessment:overview")
@_gate(action=A.EDIT, post=None)
def start(request: HttpRequest, access: policy.Access) -> HttpResponse:
    user = policy.signed_in_user(request)
    try:
        if queries.assessment(access) is None:
            version = services.start(user, access.person)
        else:
            version = services.reassess(user, access.person)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("assessment:overview", person_id=access.person.pk)
    return redirect("assessment:version", person_id=access.person.pk, version_id=version.pk)


@require_GET
@_gate(post=None)
def version(request: HttpRequest, access: policy.Access, version_id: int) -> HttpResponse:
    _full(access)
    return longform_pages.task_list(request, access, ASSESSMENT, version_id)


@require_http_methods(["GET", "POST"])
@_gate()
def section(
    request: HttpRequest, access: policy.Access, version_id: int, section: str
) -> HttpResponse:
    _full(access)
    return longform_pages.section_page(request, access, ASSESSMENT, version_id, section)


@require_http_methods(["GET", "POST"])
@_gate()
def check(request: HttpRequest, access: policy.Access, version_id: int) -> HttpResponse:
    _full(access)
    return longform_pages.check_answers(request, access, ASSESSMENT, version_id)


@require_GET
@_gate(post=None)
def submitted(request: HttpRequest, access: policy.Access, version_id: int) -> HttpResponse:
    _full(access)
    found = queries.version(access, version_id)
    if found.editable:  # not submitted (yet, or again): back to its task list
        return redirect("assessment:version", person_id=access.person.pk, version_id=found.pk)
    return render(
        request,
        "assessment/submitted.html",
        presenters.person_page(access, "assessment", version=found),
    )
