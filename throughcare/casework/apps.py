from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "throughcare.casework"
    label = "casework"
