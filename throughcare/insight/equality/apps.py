from django.apps import AppConfig


class EqualityConfig(AppConfig):
    """Equality monitoring and the instruments' fairness on the service's own outcomes (issue
    16 points 3 to 5): the senior probation officer's pages, their CSV exports and the
    analysts' command `fairness_report`."""

    name = "throughcare.insight.equality"
    label = "insight_equality"
