"""The worker: claims queued tasks one at a time and runs them, in its own process, never in a
request. `manage.py db_worker` runs it; the tests call `run(once=True)` in-process.

A worker stopped part way through a task (killed, the machine restarted) leaves the task
RUNNING: the next worker to start puts such tasks back in the queue (`requeue_interrupted`),
so a task must be safe to run again. The import is: each batch commits with the job's count of
batches done, so a task run again resumes after the last batch committed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from django.db import transaction
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskContext, TaskResultStatus
from django_tasks.utils import (
    get_exception_traceback,
    get_module_path,
    get_random_id,
    normalize_json,
)

from throughcare.core import clock

from .backend import result_of, task_of
from .models import QueuedTask

logger = logging.getLogger(__name__)


def requeue_interrupted(queues: Iterable[str] | None = None) -> int:
    """Tasks left RUNNING by a worker that stopped, back in the queue. Call it only when no
    other worker is running (one worker runs beside the server: `make run`)."""
    running = QueuedTask.objects.filter(status=TaskResultStatus.RUNNING)
    if queues is not None:
        running = running.filter(queue_name__in=list(queues))
    return running.update(status=TaskResultStatus.READY)


def _claim(queues: list[str], worker_id: str) -> QueuedTask | None:
    """The next ready task, marked RUNNING by this worker (one transaction: on PostgreSQL,
    rows another worker holds are skipped)."""
    with transaction.atomic():
        ready = QueuedTask.objects.filter(status=TaskResultStatus.READY, queue_name__in=queues)
        row = ready.select_for_update(skip_locked=True).order_by("-priority", "enqueued_at").first()
        if row is None:
            return None
        now = clock.now()
        row.status = TaskResultStatus.RUNNING
        row.started_at = row.started_at or now
        row.last_attempted_at = now
        row.worker_ids = [*row.worker_ids, worker_id]
        row.save(update_fields=["status", "started_at", "last_attempted_at", "worker_ids"])
        return row


def run_one(row: QueuedTask, alias: str = DEFAULT_TASK_BACKEND_ALIAS) -> None:
    """Runs a claimed task and records its outcome."""
    task = task_of(row, alias)
    try:
        if task.takes_context:
            value = task.call(
                TaskContext(task_result=result_of(row, alias)), *row.args, **row.kwargs
            )
        else:
            value = task.call(*row.args, **row.kwargs)
        row.return_value = normalize_json(value)
        row.status = TaskResultStatus.SUCCESSFUL
    except Exception as error:  # noqa: BLE001 - any failure is the task's outcome, kept
        logger.exception("Background task %s failed", row.pk)
        row.errors = [
            *row.errors,
            {
                "exception_class_path": get_module_path(type(error)),
                "traceback": get_exception_traceback(error),
            },
        ]
        row.status = TaskResultStatus.FAILED
    row.finished_at = clock.now()
    row.save(update_fields=["return_value", "status", "errors", "finished_at"])


def run(
    *,
    queues: Iterable[str] = ("default",),
    once: bool = False,
    interval: float = 1.0,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Runs queued tasks until stopped (`once`: until the queue is empty). Returns how many
    were run."""
    worker_id = get_random_id()
    names = list(queues)
    requeue_interrupted(names)
    done = 0
    while not should_stop():
        row = _claim(names, worker_id)
        if row is None:
            if once:
                break
            time.sleep(interval)
            continue
        run_one(row)
        done += 1
    return done
