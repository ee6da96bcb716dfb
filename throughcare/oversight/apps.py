from django.apps import AppConfig


class OversightConfig(AppConfig):
    """The pages that read the audit log through the access policy: who has seen a record, a
    user's activity, the audit export and the unexpected-access report. The log itself is the
    audit app's, which imports no other app."""

    name = "throughcare.oversight"
    label = "oversight"
