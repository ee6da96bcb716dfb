from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Versioned, signed documents (an assessment, later the plans): their versions, the
    lifecycle from draft to locked, the lock, and the difference between two versions. The app
    that owns a kind of document registers it (`records.kinds.register`) in its own ready()."""

    name = "throughcare.records"
    label = "records"

    def ready(self) -> None:
        from throughcare.core import subject_access

        from .subject_access import PART

        subject_access.register(PART)
