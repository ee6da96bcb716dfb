"""The service navigation: the pages a user's role may use, from the access policy."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from throughcare.access import policy
from throughcare.access.models import Role

register = template.Library()

# (label, URL name, the section a view names as current, who may use it)
_ITEMS: tuple[tuple[str, str, str, policy.UserAction | None], ...] = (
    ("My caseload", "caseload:caseload", "caseload", None),
    ("Team view", "insight_team:view", "team", policy.UserAction.TEAM_VIEW),
    ("Search", "caseload:search", "search", None),
    ("Add a person", "caseload:create", "create", policy.UserAction.CREATE_PERSON),
    (
        "Unexpected access",
        "oversight:unexpected-access",
        "unexpected-access",
        policy.UserAction.UNEXPECTED_ACCESS_REPORT,
    ),
    ("Audit", "oversight:users", "audit", policy.UserAction.USER_ACTIVITY),
    ("Administration", "admin:index", "admin", policy.UserAction.MANAGE_USERS),
)


@register.simple_tag
def service_navigation(user: Any, current: str = "", attention: Any = None) -> list[dict[str, Any]]:
    """`{% service_navigation user nav_section as navigation %}`: the items for the service
    navigation component. Administrators hold no case role, so they get no caseload or search."""
    items: list[dict[str, Any]] = []
    for label, url_name, section, needs in _ITEMS:
        if needs is not None and not policy.may(user, needs):
            continue
        if needs is None and user.role == Role.ADMIN:
            continue
        if url_name == "caseload:caseload" and user.role == Role.PARTNER:
            label = "Shared with you"  # a partner's landing page: nobody is allocated to them
        item = {"text": label, "href": reverse(url_name), "active": section == current}
        if section == "team" and user.role == Role.SPO:
            items.insert(0, item)  # a senior probation officer's landing page comes first
        else:
            items.append(item)
    if user.role != Role.ADMIN and attention is not None:
        count = int(attention)
        items.insert(
            1,
            {
                "text": f"Needs attention ({count})" if count else "Needs attention",
                "href": reverse("caseload:attention"),
                "active": current == "attention",
            },
        )
    return items
