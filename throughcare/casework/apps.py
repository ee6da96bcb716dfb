from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "throughcare.casework"
    label = "casework"

    def ready(self) -> None:
        from throughcare.access import gate
        from throughcare.access.policy import Action
        from throughcare.caseload import flags
        from throughcare.core import subject_access
        from throughcare.record import header
        from throughcare.record.sections import Section, register

        from .concerns import banner
        from .concerns import queries as concerns
        from .requests import queries as requests
        from .subject_access import PART

        subject_access.register(PART)
        # Beside the Information section (the interview), as a section of its own: what
        # colleagues were asked and answered, for the case team only.
        register(
            Section(
                "requests",
                "Information requests",
                22,
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
                flagged=requests.overdue_of,
            )
        )
        # Partners see the Information section when their agreement shares the interview
        # (docs/decisions.md), and Activity when it shares case notes.
        register(
            Section("information", "Information", 20, "casework:information", sharing="interview")
        )
        register(Section("activity", "Activity", 70, "casework:activity", sharing="case_notes"))
        # Urgent concerns and advice: the case team only, never partners or break-glass.
        register(
            Section(
                "concerns",
                "Concerns and advice",
                24,
                "casework:concerns",
                shown=lambda access: access.can(Action.VIEW_CONCERNS),
            )
        )
        header.register_banner(header.Banner("urgent-concern", 10, banner.banner))
        # The banner's open concerns are read by the gate with the person: no query of its own.
        gate.read_with_person("open-concerns", concerns.open_concerns_read_with_person)
        header.register_button(
            header.Button(
                "urgent-concern",
                10,
                "Record an urgent concern",
                "casework:concern-create",
                Action.RECORD_CONCERN,
                classes="govuk-button--warning",
            )
        )
        flags.register(flags.Flag("urgent-concern", "Urgent concern", "red", 0, banner.flagged))
