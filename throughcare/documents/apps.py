from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "throughcare.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from throughcare.record.sections import Section, register

        register(Section("documents", "Documents", 60, "documents:index"))
