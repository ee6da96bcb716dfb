from typing import Any

from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "throughcare.access"
    label = "access"

    def ready(self) -> None:
        # Connect the sign-in signal receivers (sessions) and register the deploy check.
        from throughcare.record.sections import Section, register

        from .signin import checks, sessions  # noqa: F401

        register(Section("access", "Sharing and access", 80, "access:person", shown=_manages))


def _manages(access: Any) -> bool:
    """The Sharing and access section is for those who manage sharing."""
    from .policy import Action

    return bool(access.can(Action.MANAGE_SHARING))
