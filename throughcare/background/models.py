"""The queue of background tasks (Django's tasks framework, `django_tasks`): one row a task
enqueued, its arguments and its outcome. Written by `backend.DatabaseBackend`, run by the
worker (`manage.py db_worker`)."""

from __future__ import annotations

from django.db import models
from django_tasks import TaskResultStatus

from throughcare.core import clock


class QueuedTask(models.Model):
    id = models.CharField(primary_key=True, max_length=64, editable=False)
    task_path = models.CharField(max_length=300)
    queue_name = models.CharField(max_length=100, default="default")
    priority = models.SmallIntegerField(default=0)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=TaskResultStatus.choices, default=TaskResultStatus.READY
    )
    enqueued_at = models.DateTimeField(default=clock.now)
    started_at = models.DateTimeField(null=True, blank=True)
    last_attempted_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    return_value = models.JSONField(null=True, blank=True)
    # [{"exception_class_path": ..., "traceback": ...}]: kept for operators, never shown on pages.
    errors = models.JSONField(default=list)
    worker_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["-priority", "enqueued_at"]
        indexes = [models.Index(fields=["status", "queue_name", "-priority", "enqueued_at"])]

    def __str__(self) -> str:
        return f"{self.task_path} ({self.status})"
