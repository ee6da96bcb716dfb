from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "throughcare.access"
    label = "access"

    def ready(self) -> None:
        # Connect the sign-in signal receivers (sessions) and register the deploy check.
        from .signin import checks, sessions  # noqa: F401
