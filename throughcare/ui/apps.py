from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "throughcare.ui"
    label = "ui"
