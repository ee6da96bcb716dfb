from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "throughcare.access"
    label = "access"
