"""The background task that runs an uploaded import (Django's tasks framework)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def run_import_job(job_id: str) -> str:
    return services.run_job(job_id)
