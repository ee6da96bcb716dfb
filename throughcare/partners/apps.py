from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Alerting the organisations affected by a release option (SFJCCFI2 P26, P33): referrals
    and notices to a partner organisation, the partner's answer, and the partner's view of
    what was shared with them."""

    name = "throughcare.partners"
    label = "partners"

    def ready(self) -> None:
        from . import wiring

        wiring.connect()
