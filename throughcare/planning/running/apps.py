from django.apps import AppConfig


class RunningConfig(AppConfig):
    """Running the plan after it is agreed (SFJCCFI2 P35, P36): reviews on a schedule and on
    change, setbacks and lapses, escalation to the senior probation officer, enforcement and
    recall recommendations."""

    name = "throughcare.planning.running"
    label = "running"

    def ready(self) -> None:
        from . import wiring

        wiring.connect()
