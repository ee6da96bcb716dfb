from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "throughcare.people"
    label = "people"
