"""Imports started from the upload page: a job queued for the worker, never run inside the
request, the run of a job by the worker (resumed after its last committed batch), and the
jobs a stopped worker left unfinished, queued again (`resume_interrupted`)."""

from __future__ import annotations

import io
import time
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.core import clock

from . import reading, running
from .models import ImportJob

PROBLEMS_SHOWN = 500
PROGRESS_EVERY = 2.0  # seconds between progress writes while checking


def reason_for(job: ImportJob) -> str:
    """The audit events' reason: the job, never the file's name (it may name someone)."""
    return f"Bulk import (job {job.pk})"


@transaction.atomic
def start_import(*, user: User, filename: str, text: str, partial: bool) -> ImportJob:
    """Keeps the file and queues its import for the worker."""
    from .tasks import run_import_job

    if not policy.may(user, policy.UserAction.IMPORT_PEOPLE):
        raise PermissionDenied
    job = ImportJob.objects.create(
        created_by=user,
        filename=filename[:200],
        file_format=reading.format_of(filename, text[:100]),
        partial=partial,
        source=text,
        batch_size=running.BATCH,
    )
    # The queue is a table in the same database: the job and its task are written together.
    job.task_id = run_import_job.enqueue(str(job.pk)).id
    job.save(update_fields=["task_id"])
    return job


def _will_run(job: ImportJob) -> bool:
    """Whether the job's task is still waiting in the queue for a worker."""
    from .tasks import run_import_job

    try:
        result = run_import_job.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return False
    return result.status == TaskResultStatus.READY


def resume_interrupted() -> list[ImportJob]:
    """Queues a new task for every unfinished job whose task will not run: one a worker was
    running when it stopped (killed: the task stays RUNNING for ever; cut off by a second
    Ctrl-C: FAILED with the job unfinished). The new task goes on from the batch after the last
    one committed. Safe to run twice: a job whose task is queued is left alone. Run it when no
    worker is running (`make run` does, before starting the worker): a task RUNNING under a
    live worker looks the same as one whose worker died."""
    from .tasks import run_import_job

    resumed = []
    for job in ImportJob.objects.exclude(status__in=ImportJob.FINISHED).order_by("created_at"):
        if _will_run(job):
            continue
        with transaction.atomic():
            job.task_id = run_import_job.enqueue(str(job.pk)).id
            job.save(update_fields=["task_id"])
        resumed.append(job)
    return resumed


class Overtaken(Exception):
    """Another run of the job committed this batch first: this run stops, writing nothing."""


def _open(job: ImportJob) -> running.OpenFile:
    return lambda: io.StringIO(job.source)


class _Checking:
    """Writes the rows checked to the job now and then, for the page."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.last = 0.0

    def __call__(self, progress: running.Progress) -> None:
        if time.monotonic() - self.last >= PROGRESS_EVERY:
            self.last = time.monotonic()
            ImportJob.objects.filter(pk=self.job.pk).update(rows_checked=progress.done)


def _finish(job: ImportJob, **values: Any) -> None:
    values |= {"finished_at": clock.now(), "source": ""}
    ImportJob.objects.filter(pk=job.pk).update(**values)


def run_job(job_id: uuid.UUID | str) -> str:
    """Runs (or resumes) a job: checks every row, then writes from the batch after the last one
    committed. Returns the job's status."""
    job = ImportJob.objects.get(pk=job_id)
    if job.is_finished:
        return job.status
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.CHECKING, started_at=job.started_at or clock.now()
    )
    try:
        return _run(job)
    except Overtaken:
        return ImportJob.objects.values_list("status", flat=True).get(pk=job.pk)
    except Exception as error:
        _finish(job, status=ImportJob.Status.FAILED, error=type(error).__name__)
        raise


def _run(job: ImportJob) -> str:
    today = clock.today()
    result, bad = running.check(
        _open(job), job.file_format, today, _Checking(job), batch=job.batch_size
    )
    shown = [[p.row, p.column, p.message] for p in result.problems[:PROBLEMS_SHOWN]]
    refused = bool(result.problems) and (not job.partial or not bad)
    ImportJob.objects.filter(pk=job.pk).update(
        rows_total=result.rows,
        rows_checked=result.rows,
        rows_good=result.rows - result.rejected_rows,
        problem_count=len(result.problems),
        problems=shown,
        rejected=running.rejected_text(job.file_format, bad, result.problems)
        if job.partial
        else "",
    )
    if refused:
        _finish(job, status=ImportJob.Status.REFUSED)
        return ImportJob.Status.REFUSED
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)

    def batch_done(index: int, rows: int, counts: running.Counts) -> None:
        # In the batch's transaction: the job moves on with the batch, or not at all; and only
        # from the batch before, so two runs of one job never both write a batch.
        moved = ImportJob.objects.filter(pk=job.pk, batches_committed=index - 1).update(
            batches_committed=index,
            rows_done=F("rows_done") + rows,
            created_count=F("created_count") + counts.created,
            updated_count=F("updated_count") + counts.updated,
            unchanged_count=F("unchanged_count") + counts.unchanged,
        )
        if not moved:
            raise Overtaken(index)

    running.write(
        _open(job),
        job.file_format,
        user=job.created_by,
        reason=reason_for(job),
        today=today,
        total=result.rows,
        resume_after=job.batches_committed,
        batch_done=batch_done,
        checked=result.checked,
        batch=job.batch_size,
    )
    _finish(job, status=ImportJob.Status.DONE)
    return ImportJob.Status.DONE
