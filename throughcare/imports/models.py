"""An import started from the upload page: the file, where it has got to and how it ended.

The counts and `batches_committed` are written in the same transaction as each batch, so a
worker stopped part way leaves the job exactly at the end of a batch: run again, it goes on
from the next one. Not a case record: it is about a file, not one person (the file itself is
kept only until the import ends)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from throughcare.core import clock


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        CHECKING = "checking", "Checking every row"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        REFUSED = "refused", "Not imported: the file has problems"
        FAILED = "failed", "Stopped by an error"

    FINISHED = (Status.DONE, Status.REFUSED, Status.FAILED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_at = models.DateTimeField(default=clock.now)
    filename = models.CharField(max_length=200)
    file_format = models.CharField(max_length=10)
    partial = models.BooleanField(default=False)
    # The uploaded file, emptied when the import ends (it holds people's details).
    source = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    rows_good = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    batches_committed = models.PositiveIntegerField(default=0)
    # The rows in each batch, fixed when the job is made (`running.BATCH` then), so that a run
    # resumed after an upgrade counts `batches_committed` in the same batches. Jobs made before
    # it was recorded ran in batches of 1,000.
    batch_size = models.PositiveIntegerField(default=1_000)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    # The first problems, [[row, column, message], ...], for the page; the count has them all.
    problems = models.JSONField(default=list, blank=True)
    # With `partial`: the rows not imported, in the file's format, with why (for download).
    rejected = models.TextField(blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED
