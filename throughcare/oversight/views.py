"""Oversight: the pages that read the audit log through the access policy. Who has seen a
person's record; a user's activity; the export of events for a date range; the break-glass
openings of a team's cases (unexpected access). Each is itself audited."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from throughcare.access import policy
from throughcare.access.models import Role, User
from throughcare.access.pages import person_page
from throughcare.audit import queries as log
from throughcare.audit import services as audit
from throughcare.audit.models import AuditEvent, Operation, Outcome, RecordType
from throughcare.people.models import Person
from throughcare.record import presenters
from throughcare.ui.forms import posted
from throughcare.ui.spreadsheet import csv_lines

from . import queries
from .forms import ExportForm

ROLE_LABELS = dict(Role.choices)
OPERATION_LABELS = dict(Operation.choices)
OUTCOME_LABELS = dict(Outcome.choices)
EXPORT_RECORD_TYPE = RecordType.AUDIT_EXPORT


def _when(value: datetime.datetime) -> str:
    """A timestamp as shown on pages: in Europe/London."""
    return date_format(timezone.localtime(value, log.LONDON), "j F Y, H:i:s")


def _outcome_cell(event: AuditEvent) -> dict[str, Any]:
    if event.outcome == Outcome.REFUSED:
        return {"html": mark_safe('<strong class="govuk-tag govuk-tag--red">Refused</strong>')}  # noqa: S308
    return {"text": OUTCOME_LABELS.get(event.outcome, event.outcome)}


def _what(event: AuditEvent) -> str:
    text = f"{OPERATION_LABELS.get(event.operation, event.operation)} of {event.record_type}"
    if event.recipient:
        text += f", to {event.recipient}"
    return text


def _page(request: HttpRequest, events: Any) -> Page[AuditEvent]:
    return Paginator(events, queries.PAGE_SIZE).get_page(request.GET.get("page"))


# Who has seen this record ----------------------------------------------------------------


@require_GET
@person_page(action=policy.Action.VIEW_WHO_HAS_SEEN, record_type="who has seen")
def who_has_seen(request: HttpRequest, access: policy.Access) -> HttpResponse:
    """For the allocated staff and their senior probation officer: every opening, disclosure
    and change of the record, refused attempts included."""
    page = _page(request, queries.who_has_seen(access))
    table = {
        "caption": "Who has seen this record, newest first",
        "captionClasses": "govuk-visually-hidden",
        "attributes": {"data-testid": "who-has-seen"},
        "head": [
            {"text": "When (UK time)"},
            {"text": "Who"},
            {"text": "Role"},
            {"text": "What"},
            {"text": "Outcome"},
            {"text": "Reason"},
        ],
        "rows": [_seen_row(event) for event in page.object_list],
    }
    return render(
        request,
        "oversight/who_has_seen.html",
        presenters.person_page(
            access,
            "documents",
            page=page,
            table=table,
            pagination=presenters.pagination(page, {}),
        ),
    )


def _seen_row(event: AuditEvent) -> list[dict[str, Any]]:
    user = event.user
    if user is not None:
        who = format_html(
            '{}<br><span class="govuk-hint govuk-!-font-size-16">{}{}</span>',
            user.full_name or event.user_email,
            event.user_email,
            f", {user.organisation.name}" if user.organisation else "",
        )
    else:
        who = format_html("{}", event.user_email or "Not signed in")
    return [
        {"text": _when(event.occurred_at)},
        {"html": who},
        {"text": ROLE_LABELS.get(event.user_role, event.user_role)},
        {"text": _what(event)},
        _outcome_cell(event),
        {"text": event.reason, "classes": "tc-wrap-anywhere"},
    ]


# A user's activity ------------------------------------------------------------------------


@require_GET
def users(request: HttpRequest) -> HttpResponse:
    """The users whose activity the viewer may see: a senior probation officer's organisation,
    or everyone for an administrator."""
    viewer = policy.signed_in_user(request)
    page: Page[User] = Paginator(queries.activity_users(viewer), queries.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    table = {
        "caption": "Users",
        "captionClasses": "govuk-visually-hidden",
        "firstCellIsHeader": True,
        "attributes": {"data-testid": "users"},
        "head": [
            {"text": "Name"},
            {"text": "Email address"},
            {"text": "Role"},
            {"text": "Organisation"},
        ],
        "rows": [
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>',
                        reverse("oversight:user-activity", args=[user.pk]),
                        user.full_name or user.email,
                    )
                },
                {"text": user.email},
                {
                    "text": ROLE_LABELS.get(user.role, user.role)
                    + ("" if user.is_active else " (inactive)")
                },
                {"text": user.organisation.name if user.organisation else "No organisation"},
            ]
            for user in page.object_list
        ],
    }
    return render(
        request,
        "oversight/users.html",
        {
            "page": page,
            "table": table,
            "pagination": presenters.pagination(page, {}),
            "is_admin": viewer.role == Role.ADMIN,
            "nav_section": "audit",
        },
    )


@require_GET
def user_activity(request: HttpRequest, user_id: int) -> HttpResponse:
    """What one user did, newest first. A senior probation officer sees the names of the
    people they may see themselves (each shown name is audited as a consultation), and nothing
    identifying about anyone else; an administrator sees no case records, so only what kind of
    record was touched, how and when."""
    viewer = policy.signed_in_user(request)
    subject = queries.activity_user(viewer, user_id)
    page = _page(request, queries.user_activity(subject))
    events = list(page.object_list)
    is_admin = viewer.role == Role.ADMIN
    shown = queries.people_shown_to(viewer, (event.person_id for event in events))
    audit.record(
        user=viewer,
        operation=Operation.CONSULTATION,
        record_type="user activity",
        record_id=subject.pk,
    )
    audit.record_many(
        user=viewer,
        operation=Operation.CONSULTATION,
        record_type="user activity report",
        records=[(person_id, person_id) for person_id in shown],
    )
    if is_admin:
        head = [{"text": "When (UK time)"}, {"text": "What"}, {"text": "Outcome"}]
        rows = [
            [
                {"text": _when(event.occurred_at)},
                {"text": _what_no_recipient(event)},
                _outcome_cell(event),
            ]
            for event in events
        ]
    else:
        head = [
            {"text": "When (UK time)"},
            {"text": "What"},
            {"text": "Person"},
            {"text": "Outcome"},
            {"text": "Reason"},
        ]
        rows = [_activity_row(event, shown) for event in events]
    table = {
        "caption": f"Activity of {subject.full_name or subject.email}, newest first",
        "captionClasses": "govuk-visually-hidden",
        "attributes": {"data-testid": "user-activity"},
        "head": head,
        "rows": rows,
    }
    return render(
        request,
        "oversight/user_activity.html",
        {
            "subject": subject,
            "subject_role": ROLE_LABELS.get(subject.role, subject.role),
            "page": page,
            "table": table,
            "pagination": presenters.pagination(page, {}),
            "is_admin": is_admin,
            "nav_section": "audit",
        },
    )


def _what_no_recipient(event: AuditEvent) -> str:
    return f"{OPERATION_LABELS.get(event.operation, event.operation)} of {event.record_type}"


def _activity_row(event: AuditEvent, shown: dict[uuid.UUID, Person]) -> list[dict[str, Any]]:
    """A senior probation officer's view of one event: the person, the recipient and the
    reason only when the person is one they may see themselves."""
    person = shown.get(event.person_id) if event.person_id else None
    if person is None:
        # No person, or one outside the viewer's reach: nothing that identifies them or the
        # case (reasons and recipients can name people).
        return [
            {"text": _when(event.occurred_at)},
            {"text": _what_no_recipient(event)},
            {"text": "Not one of your team's cases" if event.person_id else ""},
            _outcome_cell(event),
            {"text": ""},
        ]
    return [
        {"text": _when(event.occurred_at)},
        {"text": _what(event)},
        {
            "html": format_html(
                '<a class="govuk-link" href="{}">{}</a><br>'
                '<span class="govuk-hint govuk-!-font-size-16">{}</span>',
                reverse("record:overview", args=[person.pk]),
                person.full_name,
                person.crn,
            )
        },
        _outcome_cell(event),
        {"text": event.reason, "classes": "tc-wrap-anywhere"},
    ]


# Export ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """For administrators: every audit event from one day to another, as CSV, streamed. The
    export itself is recorded as a disclosure to the administrator who asked for it."""
    viewer = policy.signed_in_user(request)
    if not policy.may(viewer, policy.UserAction.EXPORT_AUDIT):
        raise PermissionDenied
    form = ExportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        first_day = form.cleaned_data["first_day"]
        last_day = form.cleaned_data["last_day"]
        audit.record(
            user=viewer,
            operation=Operation.DISCLOSURE,
            record_type=EXPORT_RECORD_TYPE,
            recipient=f"{viewer.full_name} ({viewer.email})"[:200],
            reason=f"Audit events from {first_day.isoformat()} to {last_day.isoformat()} (UK days)",
        )
        response = StreamingHttpResponse(
            csv_lines(log.export_rows(first_day, last_day)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="audit-{first_day.isoformat()}-to-{last_day.isoformat()}.csv"'
        )
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "oversight/export.html", {"form": form, "nav_section": "audit"})


# Unexpected access -------------------------------------------------------------------------


def unexpected_access(request: HttpRequest) -> HttpResponse:
    """For a senior probation officer: every break-glass opening of their team's cases."""
    user = policy.signed_in_user(request)
    if not policy.may(user, policy.UserAction.UNEXPECTED_ACCESS_REPORT):
        raise PermissionDenied
    accesses = list(queries.unexpected_access(user)[:500])
    queries.audit_report_view(user, accesses)
    return render(
        request,
        "oversight/unexpected_access.html",
        {"accesses": accesses, "nav_section": "unexpected-access"},
    )
