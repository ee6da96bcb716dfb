from django.apps import AppConfig


class ResettlementConfig(AppConfig):
    """The resettlement plan by pathway (SFJCCFI2 P28, P29, P34; certificate unit R/507/0637):
    goals from the assessment's needs, their steps and who does each, the person's
    agreement, and progress on steps."""

    name = "throughcare.planning.resettlement"
    label = "resettlement"

    def ready(self) -> None:
        from . import wiring

        wiring.connect()
