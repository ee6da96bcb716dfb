from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "throughcare.access"
    label = "access"

    def ready(self) -> None:
        from throughcare.core import subject_access

        # Connect the sign-in signal receivers (sessions) and register the deploy check.
        from .signin import checks, sessions  # noqa: F401
        from .subject_access import PART

        subject_access.register(PART)
