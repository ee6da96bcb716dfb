from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "throughcare.casework"
    label = "casework"

    def ready(self) -> None:
        from throughcare.access.policy import Action
        from throughcare.caseload import flags
        from throughcare.core import subject_access
        from throughcare.record.sections import Section, register

        from .requests import queries as requests
        from .subject_access import PART

        subject_access.register(PART)
        # For now its own section; it joins the Information section when that is built.
        register(
            Section(
                "requests",
                "Information requests",
                25,
                "casework:requests",
                shown=lambda access: access.can(Action.VIEW_INFORMATION_REQUESTS),
            )
        )
        flags.register(
            flags.Flag(
                "overdue-request",
                "Overdue request",
                "orange",
                20,
                flagged=requests.overdue_people,
            )
        )
        # Partners see it when their agreement shares case notes.
        # Partners see it when their agreement shares the interview (docs/decisions.md).
        register(
            Section("information", "Information", 20, "casework:information", sharing="interview")
        )
        register(Section("activity", "Activity", 70, "casework:activity", sharing="case_notes"))
