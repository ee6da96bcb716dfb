from django.apps import AppConfig


class TeamConfig(AppConfig):
    """The team view (issue 16 point 1): a senior probation officer's landing page, and a
    prison or community offender manager's view of their own caseload."""

    name = "throughcare.insight.team"
    label = "insight_team"

    def ready(self) -> None:
        from throughcare.access.models import Role
        from throughcare.caseload import landing

        landing.register_home(Role.SPO, "insight_team:view")
