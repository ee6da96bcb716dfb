"""`{% person_banners %}` and `{% person_buttons %}`: what apps declared for the top of a
person's page (`throughcare.record.header`). Need `access` in the context."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from throughcare.access import policy
from throughcare.ui import components

from .. import header

register = template.Library()


@register.simple_tag(takes_context=True)
def person_banners(context: Any) -> str:
    access = context.get("access")
    if not isinstance(access, policy.Access):
        return ""
    return mark_safe("".join(header.banners(access)))  # noqa: S308 - rendered components


@register.simple_tag(takes_context=True)
def person_buttons(context: Any) -> str:
    access = context.get("access")
    if not isinstance(access, policy.Access):
        return ""
    shown = [components.render("button", params) for params in header.buttons(access)]
    if not shown:
        return ""
    return mark_safe(  # noqa: S308 - rendered components
        '<div class="govuk-button-group">' + "".join(shown) + "</div>"
    )
