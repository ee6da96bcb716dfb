from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and scale data (`seed_demo`, `seed_scale`, `demo_accounts`). It depends on every
    other app; nothing imports it (an import-linter contract)."""

    name = "throughcare.demo"
    label = "demo"
