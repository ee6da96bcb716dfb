from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "throughcare.people"
    label = "people"

    def ready(self) -> None:
        from throughcare.core import subject_access

        from .subject_access import PART

        subject_access.register(PART)
