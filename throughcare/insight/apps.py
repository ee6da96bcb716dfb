from django.apps import AppConfig


class InsightConfig(AppConfig):
    """The team's view, outcomes, equality monitoring and the instruments' fairness (issue
    16): its parts are apps of their own inside it (`team`, ...); this one holds what they
    share: the team pages' sub-navigation (`templates/insight/subnav.html`)."""

    name = "throughcare.insight"
    label = "insight"
