"""Emails go through the background queue: on commit a task is queued with the address, the
subject and the rendered plain text, and the worker sends it, never the request. (The other
tests send emails at once: test settings put the email queue on Django's immediate backend.)

These tests commit for real (`transaction=True`), as the worker needs (see
imports/tests/test_jobs.py)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from throughcare.access.models import Role, User
from throughcare.audit.models import RecordType
from throughcare.core import clock
from throughcare.notifications import services
from throughcare.notifications.models import Notification
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def emails_on_the_database_queue(settings: Any) -> None:
    settings.THROUGHCARE_EMAIL_TASKS = "default"  # as in production


def _notice(due_in_days: int | None = None) -> services.Notice:
    return services.Notice(
        kind=Notification.Kind.URGENT_CONCERN,
        summary="Urgent concern: risk to a child",
        url="/people/x/concerns/7/",
        subject_type=RecordType.URGENT_CONCERN,
        subject_id="7",
        due_on=clock.today() + timedelta(days=due_in_days) if due_in_days is not None else None,
    )


def _worker() -> None:
    call_command(
        "db_worker", "--batch", "--queue-name", "default,email", "--no-startup-delay", verbosity=0
    )


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


def test_an_email_is_queued_on_commit_and_sent_only_by_the_worker(
    com: User, spo: User, person: Person
) -> None:
    with transaction.atomic():
        services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice())
        assert not DBTaskResult.objects.exists()  # nothing queued before the commit
    task = DBTaskResult.objects.get()
    assert (task.status, task.queue_name) == (TaskResultStatus.READY, "email")
    assert task.task_path == "throughcare.notifications.tasks.send_email"
    (to, subject, body), kwargs = task.args_kwargs["args"], task.args_kwargs["kwargs"]
    assert (to, subject, kwargs) == (spo.email, "Throughcare: urgent concern to acknowledge", {})
    assert "/attention/" in body and person.family_name not in body and person.crn not in body
    assert mail.outbox == []  # not sent by the request

    _worker()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    (message,) = mail.outbox
    assert (message.to, message.subject, message.body) == ([spo.email], subject, body)


def test_a_rolled_back_change_queues_no_email(com: User, spo: User, person: Person) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice())
        raise RuntimeError("the change fails after the notification")
    _worker()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


def test_reminders_are_queued_and_sent_by_the_worker(com: User, spo: User, person: Person) -> None:
    services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice(due_in_days=1))
    _worker()
    mail.outbox.clear()
    clock.advance(timedelta(days=2))

    assert services.send_reminders() == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    assert mail.outbox == []
    _worker()
    assert [m.to for m in mail.outbox] == [[spo.email]]
