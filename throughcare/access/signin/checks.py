"""`manage.py check --deploy` refuses the demo accounts' password-only sign-in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def demo_skip_is_off(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if getattr(settings, "THROUGHCARE_DEMO_SKIP_TWO_FACTOR", False):
        return [
            Error(
                "THROUGHCARE_DEMO_SKIP_TWO_FACTOR is on: demo accounts sign in without a "
                "second factor.",
                hint="It is for local development only. Use throughcare.settings.production.",
                id="access.E001",
            )
        ]
    return []
