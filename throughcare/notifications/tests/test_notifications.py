"""What needs a user's attention: raised, listed, counted in the header, closed and reminded."""

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.access.signin.backends import ModelBackend
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.notifications import queries, services
from throughcare.notifications.models import Notification
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _notice(due_in_days: int | None = None, subject_id: str = "7") -> services.Notice:
    return services.Notice(
        kind=Notification.Kind.URGENT_CONCERN,
        summary="Urgent concern: risk to a child",
        url="/people/x/concerns/7/",
        subject_type=RecordType.URGENT_CONCERN,
        subject_id=subject_id,
        due_on=clock.today() + timedelta(days=due_in_days) if due_in_days is not None else None,
    )


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


def test_notify_tells_each_recipient_once_never_the_sender_and_emails_after_commit(
    com: User, spo: User, person: Person, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        created = services.notify(
            by=com, person_id=person.pk, recipients=[spo, spo, com], notice=_notice()
        )
    assert [n.recipient for n in created] == [spo]
    assert queries.count_open(spo) == 1 and queries.count_open(com) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [spo.email]
    body = mail.outbox[0].body
    assert person.family_name not in body and person.crn not in body and "/attention/" in body
    event = AuditEvent.objects.get(record_type=RecordType.NOTIFICATION)
    assert event.operation == Operation.DISCLOSURE and event.recipient == spo.email


def test_nothing_is_emailed_when_the_change_rolls_back(
    com: User, spo: User, person: Person, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice())
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert mail.outbox == [] and not Notification.objects.exists()


def test_closing_the_thing_clears_it_from_every_recipient(
    com: User, spo: User, make_user: Callable[..., User], person: Person
) -> None:
    other = make_user(Role.SPO, "team")
    services.notify(by=com, person_id=person.pk, recipients=[spo, other], notice=_notice())
    services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice(subject_id="8"))
    closed = services.close(by=spo, subject_type=RecordType.URGENT_CONCERN, subject_id="7")
    assert closed == 2
    assert queries.count_open(other) == 0 and queries.count_open(spo) == 1
    assert (
        AuditEvent.objects.filter(
            record_type=RecordType.NOTIFICATION, operation=Operation.ALTERATION
        ).count()
        == 2
    )


def test_reminders_go_once_a_day_for_overdue_items_only(
    com: User, spo: User, person: Person, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice(due_in_days=2))
    services.notify(
        by=com, person_id=person.pk, recipients=[spo], notice=_notice(due_in_days=9, subject_id="9")
    )
    mail.outbox.clear()
    clock.advance(timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        call_command("send_reminders", stdout=io.StringIO())
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    clock.advance(timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        assert services.send_reminders() == 1
    assert len(mail.outbox) == 2


def test_the_header_counts_and_the_page_lists_only_my_open_items(
    client_for: Callable[[User], Client], com: User, spo: User, person: Person
) -> None:
    services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice(due_in_days=-1))
    page = client_for(spo).get(reverse("caseload:attention")).content.decode()
    assert "Needs attention (1)" in page
    assert "Urgent concern to acknowledge" in page and "Overdue" in page and person.crn in page
    mine = client_for(com).get(reverse("caseload:attention")).content.decode()
    assert "Nothing needs your attention." in mine and person.crn not in mine


def test_the_header_count_is_read_with_the_signed_in_user_in_one_query(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    spo: User,
    person: Person,
) -> None:
    """The authentication backend reads the user with their count of open items: the header
    shows the right number with no query of its own, and only the user's own open items."""
    other = make_user(Role.COM, "team")
    services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice())
    services.notify(
        by=com, person_id=person.pk, recipients=[spo, other], notice=_notice(subject_id="8")
    )
    services.notify(by=com, person_id=person.pk, recipients=[spo], notice=_notice(subject_id="9"))
    services.close(by=com, subject_type=RecordType.URGENT_CONCERN, subject_id="9")
    client = client_for(spo)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("caseload:caseload")).content.decode()
    assert "Needs attention (2)" in page
    counting = [
        q["sql"] for q in captured.captured_queries if "notifications_notification" in q["sql"]
    ]
    assert len(counting) == 1 and '"access_user"' in counting[0]
    assert ModelBackend().get_user(spo.pk)._open_attention_count == 2  # type: ignore[union-attr]
    assert queries.count_open(User.objects.get(pk=spo.pk)) == 2  # a user read otherwise: a query
    assert (
        "Needs attention (1)"
        in client_for(other).get(reverse("caseload:caseload")).content.decode()
    )


def test_the_backend_refuses_a_disabled_user_as_djangos_does(com: User) -> None:
    assert ModelBackend().get_user(com.pk) is not None
    User.objects.filter(pk=com.pk).update(is_active=False)  # behind the sessions' backs
    assert ModelBackend().get_user(com.pk) is None
    assert ModelBackend().get_user(0) is None
