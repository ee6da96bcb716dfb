"""`manage.py resume_imports`: queues again the imports a stopped worker left unfinished, to go
on from the batch after the last one committed (docs/import.md, "The worker"). `make run` runs
it before starting the worker; run it only while no worker is running."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from throughcare.imports import services


class Command(BaseCommand):
    help = (
        "Queue again the imports a stopped worker left unfinished (they go on from the batch "
        "after the last one committed). Run it while no worker is running."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        resumed = services.resume_interrupted()
        for job in resumed:
            self.stdout.write(f"Import {job.pk} queued again after batch {job.batches_committed}")
        self.stdout.write(f"{len(resumed)} import{'s' if len(resumed) != 1 else ''} queued again")
