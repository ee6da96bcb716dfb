"""The pages of a signed document, under the person's record (the kind's section): its
versions, one version read only, what changed between two versions, and the countersigner's
review (countersign, or return with comments).

Each page goes through the access gate with the action the kind names for reading it
(`Kind.view_action`, and its sharing section for partners); the review page with
`COUNTERSIGN`. The gate is declared on the view (`access.pages.PersonPageGate`) for the access
matrix as the default kind's: reading with `VIEW`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from throughcare.access import policy
from throughcare.access.pages import GATE_ATTRIBUTE, PersonPageGate, person_for, refusal_response
from throughcare.audit.models import RecordType
from throughcare.core.errors import Invalid, NotFound, Refused
from throughcare.record import presenters as record_presenters
from throughcare.ui.errors import add_service_errors
from throughcare.ui.forms import posted

from . import diff, kinds, presenters, queries, services
from .actors import actors
from .forms import COUNTERSIGN, RETURN, ReviewForm
from .lifecycle import Actor, State
from .models import Version

A = policy.Action
RECORD = RecordType.SIGNED_DOCUMENT_VERSION
KindView = Callable[..., HttpResponse]


def kind_page(
    *, action: policy.Action | None = None, post_action: policy.Action | None = None
) -> Callable[[KindView], KindView]:
    """The gate of a page of a kind of document: the kind's view action (or `action`), and
    for a POST `post_action` when given; the user must also be able to read the kind. The view
    is called as view(request, access, kind, **the URL's other arguments)."""
    declared = PersonPageGate(action or A.VIEW, None, RECORD, post_action)

    def decorate(view: KindView) -> KindView:
        @wraps(view)
        def wrapped(
            request: HttpRequest, person_id: uuid.UUID, document_kind: str, **kwargs: Any
        ) -> HttpResponse:
            kind = kinds.kind(document_kind)
            needed = action or A(kind.view_action)
            if request.method == "POST" and post_action is not None:
                needed = post_action
            try:
                access = person_for(
                    request, person_id, record_type=RECORD, action=needed, section=kind.sharing
                )
            except Refused as refusal:
                response = refusal_response(request, refusal)
                if response is None:
                    raise
                return response
            if not access.can(kind.view_action):
                raise Refused("You cannot see this on this record")
            return view(request, access, kind, **kwargs)

        setattr(wrapped, GATE_ATTRIBUTE, declared)  # noqa: B010 - read by declared_gate
        return wrapped

    return decorate


def _page(access: policy.Access, kind: kinds.Kind, **extra: Any) -> dict[str, Any]:
    return record_presenters.person_page(access, kind.record_section, kind=kind, **extra)


def _in_case_team(access: policy.Access) -> bool:
    """The author's note and the countersigner's comments are for the case team."""
    return access.relation in policy.CASE_TEAM


@require_GET
@kind_page()
def versions(request: HttpRequest, access: policy.Access, kind: kinds.Kind) -> HttpResponse:
    document = queries.document(access, kind.key)
    found = list(queries.versions(access, document)) if document is not None else []
    table = presenters.versions_table(kind, found, access.can(A.COUNTERSIGN)) if found else None
    return render(request, "records/versions.html", _page(access, kind, table=table))


@require_GET
@kind_page()
def version(
    request: HttpRequest, access: policy.Access, kind: kinds.Kind, number: int
) -> HttpResponse:
    found = queries.version(access, kind.key, number)
    team = _in_case_team(access)
    edit_url = None
    if kind.edit_url is not None and found.editable and access.can(A.EDIT):
        edit_url = kind.edit_url(found)
    return render(
        request,
        "records/version.html",
        _page(
            access,
            kind,
            version=found,
            details=presenters.details(found, with_note=team),
            cards=presenters.answer_cards(kind, kind.rows(found)),
            comments=presenters.comments(queries.comments(found)) if team else [],
            edit_url=edit_url,
            review_url=presenters.url("review", found)
            if found.state == State.SUBMITTED and access.can(A.COUNTERSIGN)
            else None,
        ),
    )


def _number(text: str | None) -> int | None:
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def _pair(found: list[Version], request: HttpRequest) -> tuple[Version, Version]:
    """The two versions to compare: `?from=N&to=M`; by default the latest and the version it
    was filled from (or the one before it)."""
    by_number = {v.number: v for v in found}
    to_number = _number(request.GET.get("to"))
    after = by_number.get(to_number) if to_number is not None else found[-1]
    if after is None:
        raise NotFound("No such version")
    from_number = _number(request.GET.get("from"))
    if from_number is None:
        default = after.previous_id
        before = next((v for v in found if v.pk == default), None) or by_number.get(
            after.number - 1, after
        )
    else:
        before = by_number.get(from_number)  # type: ignore[assignment]
        if before is None:
            raise NotFound("No such version")
    return before, after


@require_GET
@kind_page()
def compare(request: HttpRequest, access: policy.Access, kind: kinds.Kind) -> HttpResponse:
    document = queries.document(access, kind.key)
    found = list(queries.versions(access, document)) if document is not None else []
    context: dict[str, Any] = {"found": found}
    if len(found) > 1:
        before, after = _pair(found, request)
        changes = diff.changes(kind.rows(before), kind.rows(after))
        context.update(
            before=before,
            after=after,
            tables=presenters.change_tables(kind, changes, before, after),
            choices=[{"value": v.number, "text": f"Version {v.number}"} for v in found],
        )
    return render(request, "records/compare.html", _page(access, kind, **context))


def _decide(
    request: HttpRequest, access: policy.Access, found: Version, form: ReviewForm
) -> HttpResponse | None:
    """Countersigns or returns the version as the button pressed says: the page to go to,
    or None to show the form again with its errors."""
    decision = request.POST.get("decision")
    if not form.is_valid():
        return None
    comments = form.cleaned_data["comments"]
    try:
        if decision == COUNTERSIGN:
            services.countersign(access.user, found, comments)
            messages.success(request, f"Version {found.number} countersigned and locked")
        elif decision == RETURN:
            services.return_for_changes(access.user, found, comments)
            messages.success(request, f"Version {found.number} returned to its author")
        else:
            form.add_error(None, "Choose whether to countersign it or return it with comments")
            return None
    except Invalid as invalid:
        add_service_errors(form, invalid)
        return None
    except Refused as refused:
        form.add_error(None, refused.reason)
        return None
    return redirect(presenters.url("version", found))


@require_http_methods(["GET", "POST"])
@kind_page(action=A.COUNTERSIGN, post_action=A.COUNTERSIGN)
def review(
    request: HttpRequest, access: policy.Access, kind: kinds.Kind, number: int
) -> HttpResponse:
    found = queries.version(access, kind.key, number)
    waiting = found.state == State.SUBMITTED
    may_review = waiting and Actor.COUNTERSIGNER in actors(access.user, access.person, found)
    form = ReviewForm(posted(request))
    if request.method == "POST":
        if not may_review:
            messages.info(request, f"Version {found.number} is not waiting for you to review it")
            return redirect(presenters.url("version", found))
        response = _decide(request, access, found, form)
        if response is not None:
            return response
    return render(
        request,
        "records/review.html",
        _page(
            access,
            kind,
            version=found,
            waiting=waiting,
            may_review=may_review,
            form=form,
            details=presenters.details(found, with_note=True),
            cards=presenters.answer_cards(kind, kind.rows(found)),
            comments=presenters.comments(queries.comments(found)),
            countersign=COUNTERSIGN,
            give_back=RETURN,
        ),
    )
