from django.apps import AppConfig


class RiskPlanConfig(AppConfig):
    """The risk management plan under the headings of shared/domain/risk.md (SFJCCFI2 P28, P29;
    certificate unit D/507/0639), each action naming the risk factors it manages, and the
    licence conditions, each additional condition traced to a risk."""

    name = "throughcare.planning.riskplan"
    label = "riskplan"

    def ready(self) -> None:
        from . import wiring

        wiring.connect()
