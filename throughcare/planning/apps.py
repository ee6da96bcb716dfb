from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """The Options section of the person's record (SFJCCFI2 P23-P27, P30-P33): release options
    and their evaluation, conflicts, barriers and decision criteria."""

    name = "throughcare.planning"
    label = "planning"

    def ready(self) -> None:
        from . import wiring

        wiring.connect()
