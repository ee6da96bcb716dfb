from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "throughcare.api"
    label = "api"
    verbose_name = "API"
