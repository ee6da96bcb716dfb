"""The upload page: the import is queued, never run in the request; django-tasks-db's worker
(`db_worker`, the one `make run` starts) runs it; an import whose worker stopped part way is
queued again by `resume_imports` and goes on after the last batch committed, with no
duplicates.

The tests that run the worker commit for real (`transaction=True`): the worker checks its
database connection between tasks, as it does in production, and on PostgreSQL that closes a
connection left inside a test's transaction."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.imports import running, services, writing
from throughcare.imports.models import ImportJob
from throughcare.people.models import Person

from .helpers import csv_text, row


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMIN, None)


def _worker() -> None:
    """The worker `make run` starts, until the queue is empty."""
    call_command(
        "db_worker", "--batch", "--queue-name", "default,email", "--no-startup-delay", verbosity=0
    )


def _upload(client: Client, text: str, **extra: str) -> Any:
    return client.post(
        reverse("imports:upload"),
        {"file": SimpleUploadedFile("people.csv", text.encode()), **extra},
    )


@pytest.mark.django_db(transaction=True)
def test_the_upload_queues_a_task_and_the_worker_completes_it(
    admin: User, com: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(admin)
    response = _upload(client, csv_text([row(n, com.email) for n in range(1, 4)]))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    # Queued, not run inside the request.
    assert job.status == ImportJob.Status.QUEUED
    assert Person.objects.count() == 0
    task = DBTaskResult.objects.get()
    assert (str(task.pk), task.status) == (job.task_id, TaskResultStatus.READY)
    assert (task.task_path, task.queue_name) == (
        "throughcare.imports.tasks.run_import_job",
        "default",
    )
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Waiting to start" in page
    assert 'http-equiv="refresh"' in page

    _worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.rows_total, job.rows_done, job.created_count) == (3, 3, 3)
    assert job.source == ""  # the file is not kept once imported
    assert Person.objects.count() == 3
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Imported" in page
    assert 'http-equiv="refresh"' not in page
    events = AuditEvent.objects.filter(operation=Operation.COLLECTION, record_type="person")
    assert {e.user_id for e in events} == {admin.pk}


@pytest.mark.django_db(transaction=True)
def test_a_file_with_problems_is_refused_and_its_problems_shown(
    admin: User, com: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(admin)
    _upload(client, csv_text([row(1, com.email), row(2, com.email, date_of_birth="01/02/1990")]))
    _worker()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED
    assert job.problems == [[3, "date_of_birth", "Enter a date as YYYY-MM-DD, like 2026-11-24"]]
    assert Person.objects.count() == 0
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Enter a date as YYYY-MM-DD" in page


@pytest.mark.django_db(transaction=True)
def test_partial_upload_offers_the_rows_not_imported(
    admin: User, com: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(admin)
    bad = row(2, com.email, sex="?")
    _upload(client, csv_text([row(1, com.email), bad]), partial="on")
    _worker()
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.problem_count) == (ImportJob.Status.DONE, 1, 1)
    download = client.get(reverse("imports:rejected", args=[job.pk]))
    assert download["Cache-Control"] == "no-store"
    assert "sex: Must be one of" in download.content.decode()


def test_only_those_the_policy_allows_may_upload(
    com: User, client_for: Callable[[User], Client]
) -> None:
    response = _upload(client_for(com), csv_text([row(1, com.email)]))
    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def _stop_the_worker_in_batch(monkeypatch: pytest.MonkeyPatch, k: int, how: str) -> list[int]:
    """Cuts the worker off in batch k, after the batch's rows are written but before it commits.
    "killed" (SIGKILL, power lost): the process dies there, and its task stays RUNNING.
    "forced" (a second Ctrl-C): SystemExit, which the worker records as the task failing."""
    real_write = writing.write
    calls: list[int] = []

    def write(rows: Any, **kwargs: Any) -> writing.Counts:
        calls.append(len(rows))
        counts = real_write(rows, **kwargs)
        if len(calls) == k:
            raise SystemExit("the worker is stopped mid-batch")
        return counts

    def dies(self: DBTaskResult, error: BaseException) -> None:
        raise error

    monkeypatch.setattr(writing, "write", write)
    if how == "killed":
        monkeypatch.setattr(DBTaskResult, "set_failed", dies)
    return calls


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("how", "left"), [("killed", TaskResultStatus.RUNNING), ("forced", TaskResultStatus.FAILED)]
)
def test_a_worker_stopped_after_batch_k_resumes_from_batch_k_plus_1(
    admin: User, com: User, monkeypatch: pytest.MonkeyPatch, how: str, left: str
) -> None:
    monkeypatch.setattr(running, "BATCH", 10)
    text = csv_text([row(n, com.email) for n in range(1, 26)])  # batches of 10, 10 and 5
    job = services.start_import(user=admin, filename="people.csv", text=text, partial=False)
    with monkeypatch.context() as stopping:
        calls = _stop_the_worker_in_batch(stopping, 2, how)
        if how == "killed":
            with pytest.raises(SystemExit):
                _worker()
        else:
            _worker()
    job.refresh_from_db()
    # Batch 2 was rolled back whole: the job stands at the end of batch 1.
    assert (job.status, job.batches_committed, job.rows_done) == ("importing", 1, 10)
    assert Person.objects.count() == 10
    assert DBTaskResult.objects.get().status == left
    # django-tasks-db's worker never runs that task again by itself.
    _worker()
    assert ImportJob.objects.get().batches_committed == 1

    out = io.StringIO()
    call_command("resume_imports", stdout=out)  # `make run`, before it starts the worker
    assert out.getvalue().endswith("1 import queued again\n")
    # An upgrade in between changed the batch size: the job keeps the one it started with.
    monkeypatch.setattr(running, "BATCH", 7)
    calls = _stop_the_worker_in_batch(monkeypatch, 0, how="nowhere")
    _worker()
    job.refresh_from_db()
    assert calls == [10, 5]  # batches 2 and 3 only, of the job's 10 rows
    assert (job.status, job.batches_committed, job.rows_done) == ("done", 3, 25)
    assert job.created_count == 25
    assert Person.objects.count() == 25
    collected = AuditEvent.objects.filter(operation=Operation.COLLECTION, record_type="person")
    assert collected.count() == 25
    assert len(set(collected.values_list("person_id", flat=True))) == 25
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1

    out = io.StringIO()
    call_command("resume_imports", stdout=out)  # again: nothing left to resume
    assert out.getvalue() == "0 imports queued again\n"
    assert DBTaskResult.objects.count() == 2


def test_resuming_leaves_alone_a_job_whose_task_is_still_queued(admin: User, com: User) -> None:
    job = services.start_import(
        user=admin, filename="people.csv", text=csv_text([row(1, com.email)]), partial=False
    )
    assert services.resume_interrupted() == []
    assert ImportJob.objects.get().task_id == job.task_id
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_of_one_job_never_both_write_a_batch(
    admin: User, com: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(running, "BATCH", 10)
    text = csv_text([row(n, com.email) for n in range(1, 16)])  # batches of 10 and 5
    job = services.start_import(user=admin, filename="people.csv", text=text, partial=False)
    real_write = running.write
    other_run: list[str] = []

    def write(*args: Any, **kwargs: Any) -> writing.Counts:
        # The worker's run has checked the file; another run of the job (a second worker)
        # loaded it at the same point and now commits every batch first.
        if not other_run:
            other_run.append("running")
            other_run[0] = services.run_job(job.pk)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(running, "write", write)
    _worker()
    job.refresh_from_db()
    assert other_run == ["done"]
    # The worker's run, overtaken at its first batch, wrote nothing and did not fail the job.
    task = DBTaskResult.objects.get()
    assert (task.status, task.return_value) == (TaskResultStatus.SUCCESSFUL, "done")
    assert (job.status, job.batches_committed, job.rows_done, job.created_count) == (
        "done",
        2,
        15,
        15,
    )
    assert Person.objects.count() == 15
