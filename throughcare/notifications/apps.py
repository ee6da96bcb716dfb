from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "throughcare.notifications"
    label = "notifications"

    def ready(self) -> None:
        from throughcare.core import subject_access

        from .subject_access import PART

        subject_access.register(PART)
