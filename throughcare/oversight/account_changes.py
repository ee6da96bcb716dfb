"""Changes to accounts that widened someone's access (a new account, a role that sees more, a
move into a team), read from the audit log: for a team's senior probation officer, their team's;
for an administrator, everyone's. The events are written by `access.accounts.services`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_GET

from throughcare.access import policy
from throughcare.access.accounts import queries as account_queries
from throughcare.access.models import Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import AuditEvent, Operation
from throughcare.record import presenters

# Changes that widened access ---------------------------------------------------------------


def _when(event: AuditEvent) -> str:
    return date_format(timezone.localtime(event.occurred_at), "j F Y, H:i")


def _account(event: AuditEvent, accounts: dict[str, User]) -> dict[str, Any]:
    account = accounts.get(event.record_id)
    if account is None:
        return {"text": "Deleted account"}
    where = account.organisation.name if account.organisation else "No organisation"
    return {
        "html": format_html(
            '{}<br><span class="govuk-hint govuk-!-font-size-16">{}, {}, {}</span>',
            account.full_name or account.email,
            account.email,
            account.get_role_display(),
            where,
        )
    }


def _by(event: AuditEvent) -> str:
    if not event.user_email:
        return "The operator, at the command line"
    role = dict(Role.choices).get(event.user_role, event.user_role)
    return f"{event.user_email} ({role})"


@require_GET
def account_changes(request: HttpRequest) -> HttpResponse:
    """For a senior probation officer, the changes that widened the access of their team's
    accounts (a new account, a role that sees more, a move into the team...); for an
    administrator, every such change, other administrators' included."""
    viewer = policy.signed_in_user(request)
    if not policy.may(viewer, policy.UserAction.USER_ACTIVITY):
        raise PermissionDenied
    page: Page[AuditEvent] = Paginator(account_queries.widening_changes(viewer), 50).get_page(
        request.GET.get("page")
    )
    events = list(page.object_list)
    accounts = account_queries.accounts_named(events)
    organisations = account_queries.organisations_named(events)
    audit.record(user=viewer, operation=Operation.CONSULTATION, record_type="account changes")
    rows = [
        [
            {"text": _when(event)},
            (
                {"text": organisations.get(event.record_id, "Deleted organisation")}
                if event.record_type == account_queries.ORGANISATION
                else _account(event, accounts)
            ),
            {"text": event.reason},
            {"text": _by(event)},
        ]
        for event in events
    ]
    table = {
        "caption": "Changes that widened access, newest first",
        "captionClasses": "govuk-visually-hidden",
        "attributes": {"data-testid": "account-changes"},
        "head": [
            {"text": "When (UK time)"},
            {"text": "Account"},
            {"text": "Change"},
            {"text": "Made by"},
        ],
        "rows": rows,
    }
    return render(
        request,
        "oversight/account_changes.html",
        {
            "page": page,
            "table": table,
            "pagination": presenters.pagination(page, {}),
            "is_admin": viewer.role == Role.ADMIN,
            "nav_section": "audit",
        },
    )
