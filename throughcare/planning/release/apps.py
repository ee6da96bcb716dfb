from django.apps import AppConfig


class ReleaseConfig(AppConfig):
    """Ready for release (the decision criteria), the day-of-release checklist, the handover from
    the prison offender manager to the community offender manager, and recording the release
    (SFJCCFI2 P30, P34; certificate unit R/507/0637)."""

    name = "throughcare.planning.release"
    label = "release"

    def ready(self) -> None:
        from . import wiring

        wiring.connect()
