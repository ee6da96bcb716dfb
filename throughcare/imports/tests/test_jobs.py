"""The upload page: the import is queued, never run in the request; the database worker (the
one `make run` starts) runs it; a worker stopped part way resumes after the last batch
committed, with no duplicates."""

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

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.background import worker
from throughcare.background.models import QueuedTask
from throughcare.imports import running, services, writing
from throughcare.imports.models import ImportJob
from throughcare.people.models import Person

from .helpers import csv_text, row


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMIN, None)


def _upload(client: Client, text: str, **extra: str) -> Any:
    return client.post(
        reverse("imports:upload"),
        {"file": SimpleUploadedFile("people.csv", text.encode()), **extra},
    )


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
    task = QueuedTask.objects.get()
    assert (task.pk, task.status) == (job.task_id, TaskResultStatus.READY)
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Waiting to start" in page
    assert 'http-equiv="refresh"' in page

    out = io.StringIO()
    call_command("db_worker", "--batch", stdout=out)  # the worker `make run` starts
    assert "Worker stopped after 1 task" in out.getvalue()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.rows_total, job.rows_done, job.created_count) == (3, 3, 3)
    assert job.source == ""  # the file is not kept once imported
    assert Person.objects.count() == 3
    assert QueuedTask.objects.get().status == TaskResultStatus.SUCCESSFUL
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Imported" in page
    assert 'http-equiv="refresh"' not in page
    events = AuditEvent.objects.filter(operation=Operation.COLLECTION, record_type="person")
    assert {e.user_id for e in events} == {admin.pk}


def test_a_file_with_problems_is_refused_and_its_problems_shown(
    admin: User, com: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(admin)
    _upload(client, csv_text([row(1, com.email), row(2, com.email, date_of_birth="01/02/1990")]))
    worker.run(once=True)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED
    assert job.problems == [[3, "date_of_birth", "Enter a date as YYYY-MM-DD, like 2026-11-24"]]
    assert Person.objects.count() == 0
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Enter a date as YYYY-MM-DD" in page


def test_partial_upload_offers_the_rows_not_imported(
    admin: User, com: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(admin)
    bad = row(2, com.email, sex="?")
    _upload(client, csv_text([row(1, com.email), bad]), partial="on")
    worker.run(once=True)
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


def test_a_worker_stopped_after_batch_k_resumes_from_batch_k_plus_1(
    admin: User, com: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(running, "BATCH", 10)
    text = csv_text([row(n, com.email) for n in range(1, 26)])  # batches of 10, 10 and 5
    job = services.start_import(user=admin, filename="people.csv", text=text, partial=False)
    real_write = writing.write
    calls: list[int] = []
    kill_in_call: list[int] = [2]

    def write(rows: Any, **kwargs: Any) -> writing.Counts:
        calls.append(len(rows))
        counts = real_write(rows, **kwargs)
        if len(calls) in kill_in_call:
            raise SystemExit("the worker is killed mid-batch")
        return counts

    monkeypatch.setattr(writing, "write", write)
    with pytest.raises(SystemExit):
        worker.run(once=True)
    job.refresh_from_db()
    # Batch 2 was rolled back whole: the job stands at the end of batch 1.
    assert (job.status, job.batches_committed, job.rows_done) == ("importing", 1, 10)
    assert Person.objects.count() == 10
    assert QueuedTask.objects.get().status == TaskResultStatus.RUNNING

    calls.clear()
    kill_in_call.clear()
    assert worker.run(once=True) == 1  # a new worker puts the cut-off task back and runs it
    job.refresh_from_db()
    assert calls == [10, 5]  # batches 2 and 3 only
    assert (job.status, job.batches_committed, job.rows_done) == ("done", 3, 25)
    assert job.created_count == 25
    assert Person.objects.count() == 25
    collected = AuditEvent.objects.filter(operation=Operation.COLLECTION, record_type="person")
    assert collected.count() == 25
    assert len(set(collected.values_list("person_id", flat=True))) == 25
