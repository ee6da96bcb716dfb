from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "throughcare.casework"
    label = "casework"

    def ready(self) -> None:
        from throughcare.record.sections import Section, register

        # Partners see it when their agreement shares case notes.
        register(Section("activity", "Activity", 70, "casework:activity", sharing="case_notes"))
