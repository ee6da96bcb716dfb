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
        # Partners see it when their agreement shares the interview (docs/decisions.md).
        register(
            Section("information", "Information", 20, "casework:information", sharing="interview")
        )
        register(Section("activity", "Activity", 70, "casework:activity", sharing="case_notes"))
