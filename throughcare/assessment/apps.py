from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """The Assessment section of the person's record (SFJCCFI2 P16-P22): sufficiency, needs,
    likelihood of reoffending, risk of serious harm, domestic abuse and safeguarding; a
    versioned, signed document (`throughcare.records`)."""

    name = "throughcare.assessment"
    label = "assessment"

    def ready(self) -> None:
        from . import wiring

        wiring.connect()
