"""`{% load insight_subnav %}{% may_see_team_figures request.user as figures %}`: whether the
team pages' sub-navigation shows the figures' pages (outcomes, equality, fairness)."""

from __future__ import annotations

from typing import Any

from django import template

from throughcare.access import policy

register = template.Library()


@register.simple_tag
def may_see_team_figures(user: Any) -> bool:
    return policy.may(user, policy.UserAction.TEAM_FIGURES)
