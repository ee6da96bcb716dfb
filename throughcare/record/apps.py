from django.apps import AppConfig


class RecordConfig(AppConfig):
    """The frame of a person's record (identity bar, sections, page templates) and its first
    section, Overview, with the pages that change the person's details."""

    name = "throughcare.record"
    label = "record"

    def ready(self) -> None:
        from .sections import Section, register

        register(Section("overview", "Overview", 10, "record:overview"))
        # Places for the sections still to be built; each app that builds one registers it.
        for key, label, position in (
            ("information", "Information", 20),
            ("assessment", "Assessment", 30),
            ("options", "Options", 40),
        ):
            register(Section(key, label, position))
