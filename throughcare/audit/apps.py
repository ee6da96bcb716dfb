from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "throughcare.audit"
    label = "audit"
