from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "throughcare.background"
    verbose_name = "Background tasks"
