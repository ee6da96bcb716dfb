from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "throughcare.documents"
    label = "documents"
    verbose_name = "Documents"
