from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "throughcare.casework"
    label = "casework"

    def ready(self) -> None:
        from throughcare.core import subject_access
        from throughcare.record.sections import Section, register

        from .subject_access import PART

        subject_access.register(PART)
        # Partners see it when their agreement shares case notes.
        register(Section("activity", "Activity", 70, "casework:activity", sharing="case_notes"))
