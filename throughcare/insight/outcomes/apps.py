from django.apps import AppConfig


class InsightOutcomesConfig(AppConfig):
    """The team's outcomes after release, month by month, against the national figures (issue
    16 point 2): a page and a CSV for the senior probation officer."""

    name = "throughcare.insight.outcomes"
    label = "insight_outcomes"
