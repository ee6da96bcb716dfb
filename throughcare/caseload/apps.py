from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    """The lists of people: a caseload (or, for a partner worker, the people shared with
    them), search, and adding a person."""

    name = "throughcare.caseload"
    label = "caseload"
