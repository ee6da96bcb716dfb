"""What a person's pages say about how the user came to see the record."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html

from throughcare.access import policy, queries
from throughcare.access.signin import sessions
from throughcare.ui import components
from throughcare.ui.components import moj_date

register = template.Library()


@register.simple_tag(takes_context=True)
def break_glass_banner(context: Any) -> str:
    """`{% break_glass_banner %}` on a person's page: when the user opened the record under
    break-glass, a banner saying so, with their reason and when their access ends (with the
    signed-in session: on signing out, when idle too long, and at the latest the session's
    absolute limit). Nothing otherwise. Needs `access` and `request` in the context."""
    access = context.get("access")
    request = context.get("request")
    if not isinstance(access, policy.Access) or request is None:
        return ""
    if access.relation != policy.Relation.BREAK_GLASS:
        return ""
    opening = queries.break_glass_opening(access.user, access.person, request.session.session_key)
    if opening is None:
        return ""
    idle = int(settings.THROUGHCARE_SESSION_IDLE_TIMEOUT.total_seconds() // 60)
    latest = sessions.ends_at(request.session)
    html = format_html(
        '<p class="govuk-notification-banner__heading">You opened this record under '
        "break-glass</p>"
        '<p class="govuk-body">Your reason: {}</p>'
        '<p class="govuk-body">Your access ends when you sign out or after {} minutes without '
        "using Throughcare{}. Your name, the time and your reason are shown to the senior "
        "probation officer responsible for this person.</p>",
        opening.reason,
        idle,
        format_html(
            ", and no later than {} on {}", moj_date(latest, "time"), moj_date(latest, "date")
        )
        if latest
        else "",
    )
    return components.render(
        "notification-banner",
        {"html": html, "titleText": "Break-glass access", "titleId": "break-glass-title"},
    )
