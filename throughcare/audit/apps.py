from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "throughcare.audit"
    label = "audit"

    def ready(self) -> None:
        from throughcare.core import subject_access

        from .subject_access import PART

        subject_access.register(PART)

        # Register the checks, and the grants to the application's role after `migrate`.
        from . import checks, roles  # noqa: F401
