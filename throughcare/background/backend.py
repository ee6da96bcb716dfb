"""A database backend for Django's tasks framework (the `django_tasks` backport).

django-tasks 0.12 ships only the immediate and dummy backends: its database backend is now a
separate package (django-tasks-db), which is not in the lock. This one keeps the same shape:
`enqueue` writes a `QueuedTask` row and returns at once; the worker (`worker.run`, `manage.py
db_worker`) claims rows one at a time and runs them in its own process. Set it in TASKS:

    TASKS = {"default": {"BACKEND": "throughcare.background.backend.DatabaseBackend"}}
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import get_random_id
from typing_extensions import ParamSpec

from throughcare.core import clock

from .models import QueuedTask

T = TypeVar("T")
P = ParamSpec("P")


class DatabaseBackend(BaseTaskBackend):
    supports_get_result = True
    supports_priority = True

    def enqueue(self, task: Task[P, T], args: Any, kwargs: Any) -> TaskResult[T]:
        self.validate_task(task)
        row = QueuedTask.objects.create(
            id=get_random_id(),
            task_path=task.module_path,
            queue_name=task.queue_name,
            priority=task.priority,
            args=list(args),
            kwargs=dict(kwargs),
            enqueued_at=clock.now(),
        )
        return result_of(row, self.alias)

    def get_result(self, result_id: str) -> TaskResult:
        try:
            row = QueuedTask.objects.get(pk=result_id)
        except QueuedTask.DoesNotExist:
            raise TaskResultDoesNotExist(result_id) from None
        return result_of(row, self.alias)


def task_of(row: QueuedTask, alias: str) -> Task[Any, Any]:
    task: Task[Any, Any] = import_string(row.task_path)
    return task.using(priority=row.priority, queue_name=row.queue_name, backend=alias)


def result_of(row: QueuedTask, alias: str) -> TaskResult:
    result: TaskResult = TaskResult(
        task=task_of(row, alias),
        id=row.pk,
        status=TaskResultStatus(row.status),
        enqueued_at=row.enqueued_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        last_attempted_at=row.last_attempted_at,
        args=row.args,
        kwargs=row.kwargs,
        backend=alias,
        errors=[TaskError(**error) for error in row.errors],
        worker_ids=list(row.worker_ids),
    )
    object.__setattr__(result, "_return_value", row.return_value)
    return result
