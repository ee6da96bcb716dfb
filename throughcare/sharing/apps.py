from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from throughcare.access.policy import Access


class SharingConfig(AppConfig):
    """The "Sharing and access" section of a person's record: sharing agreements with partner
    organisations, and the exclusion and restriction lists (limited access). The rules and the
    services that change them are the access app's."""

    name = "throughcare.sharing"
    label = "sharing"

    def ready(self) -> None:
        from throughcare.record.sections import Section, register

        register(Section("access", "Sharing and access", 80, "sharing:person", shown=manages))


def manages(access: Access) -> bool:
    """The section is for those who manage sharing."""
    from throughcare.access.policy import Action

    return access.can(Action.MANAGE_SHARING)
