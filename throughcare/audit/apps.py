from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "throughcare.audit"
    label = "audit"

    def ready(self) -> None:
        # Register the checks.
        from . import checks  # noqa: F401
