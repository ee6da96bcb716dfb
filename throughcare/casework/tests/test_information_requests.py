"""Information requests (P9-P12): each rule of sending, withdrawing and answering one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail

from throughcare.access.models import Function, Organisation, Role, User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.casework.requests import queries, services
from throughcare.casework.requests.models import (
    InformationReply,
    InformationRequest,
    RecipientKind,
    Topic,
)
from throughcare.casework.sources import SourceKind
from throughcare.core import clock
from throughcare.core.errors import Invalid, NotFound, Refused
from throughcare.notifications.models import Notification
from throughcare.notifications.services import send_reminders
from throughcare.people.models import Person

from .requests_helpers import access_for, full_reply, send

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


@pytest.fixture
def colleague(make_user: Callable[..., User]) -> User:
    return make_user(Role.COM, "other_team")


@pytest.fixture
def key_worker(make_user: Callable[..., User]) -> User:
    return make_user(Role.POM, "prison", functions=[Function.KEY_WORKER])


def _problems(error: pytest.ExceptionInfo[Invalid]) -> dict[str, list[str]]:
    return error.value.fields


def test_the_allocated_com_sends_a_request_and_the_colleague_is_told(
    com: User, person: Person, colleague: User
) -> None:
    request = send(com, person, colleague=colleague)
    assert request.is_open and request.recipient_user == colleague
    assert request.topics == list(Topic.values)
    assert "Community offender manager" in request.sender_role
    # Who will see the answer: generated from the policy, by name (P10).
    assert any(com.full_name in who for who in request.who_will_see)
    assert any("Testmoor probation team" in who for who in request.who_will_see)
    notice = Notification.objects.get(recipient=colleague)
    assert (notice.kind, notice.due_on) == (Kind.INFORMATION_REQUEST, request.due_on)
    assert notice.summary == "An information request for you to answer"
    assert AuditEvent.objects.filter(
        record_type=RecordType.INFORMATION_REQUEST,
        record_id=str(request.pk),
        operation="collection",
    ).exists()


def test_only_the_allocated_staff_may_send(
    make_user: Callable[..., User], person: Person, colleague: User
) -> None:
    team_member = make_user(Role.COM, "team")
    with pytest.raises(Refused):
        send(team_member, person, colleague=colleague)
    assert not InformationRequest.objects.exists()


def test_a_request_to_nobody_is_refused(com: User, person: Person, organisations: dict) -> None:
    with pytest.raises(Invalid) as error:
        send(com, person, recipient_kind="")
    assert "recipient_kind" in _problems(error)
    with pytest.raises(Invalid) as error:
        send(com, person, colleague=None)
    assert "colleague" in _problems(error)
    # A role nobody holds there reaches nobody.
    with pytest.raises(Invalid) as error:
        send(
            com,
            person,
            recipient_kind=RecipientKind.FUNCTION,
            organisation=organisations["prison"],
            function=Function.HEALTHCARE,
        )
    assert _problems(error)["function"] == [
        "Nobody has this role there in Throughcare: ask a named colleague instead"
    ]
    # A partner organisation with no partner workers reaches nobody.
    with pytest.raises(Invalid) as error:
        send(com, person, recipient_kind=RecipientKind.PARTNER, partner=organisations["partner"])
    assert "partner" in _problems(error)
    assert not InformationRequest.objects.exists()


def test_due_in_the_past_no_purpose_no_topics_and_long_text_are_refused_together(
    com: User, person: Person, colleague: User
) -> None:
    with pytest.raises(Invalid) as error:
        send(
            com,
            person,
            colleague=colleague,
            purpose="",
            topics=(),
            further_questions="",
            due_on=clock.today() - timedelta(days=1),
        )
    problems = _problems(error)
    assert problems["purpose"] == ["Enter why you are asking"]
    assert problems["topics"] == ["Select at least one topic, or write your questions"]
    assert problems["due_on"] == ["The date to answer by must be today or in the future"]
    with pytest.raises(Invalid) as error:
        send(com, person, colleague=colleague, purpose="x" * 20_001)
    assert _problems(error)["purpose"] == ["Enter 20,000 characters or fewer"]
    # Due today is fine; further questions alone are fine.
    request = send(
        com,
        person,
        colleague=colleague,
        topics=(),
        further_questions="Any visits?",
        due_on=clock.today(),
    )
    assert request.topics == [] and request.further_questions == "Any visits?"


def test_a_request_to_a_role_reaches_those_with_that_function_there(
    com: User, person: Person, key_worker: User, make_user: Callable[..., User], organisations: dict
) -> None:
    make_user(Role.POM, "prison")  # no function: not told
    elsewhere = make_user(Role.COM, "team", functions=[Function.KEY_WORKER])  # elsewhere
    request = send(
        com,
        person,
        recipient_kind=RecipientKind.FUNCTION,
        organisation=organisations["prison"],
        function=Function.KEY_WORKER,
    )
    assert request.recipient_label == "Key worker, HMP Testmoor"
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert told == {key_worker.pk}
    assert list(queries.addressed_to(key_worker)) == [request]
    assert list(queries.addressed_to(elsewhere)) == []


def test_a_request_to_a_partner_organisation_reaches_its_partner_workers(
    com: User, person: Person, make_user: Callable[..., User], organisations: dict
) -> None:
    worker = make_user(Role.PARTNER, "partner")
    request = send(
        com, person, recipient_kind=RecipientKind.PARTNER, partner=organisations["partner"]
    )
    assert list(queries.addressed_to(worker)) == [request]
    reply = services.answer_request(user=worker, request=request, reply=full_reply(request))
    assert reply.source_kind == SourceKind.PARTNER
    assert (
        reply.source_label
        == f"A partner organisation: Test Housing ({worker.full_name}, partner worker)"
    )


def test_the_answer_joins_the_record_with_its_source_and_date_and_tells_the_sender(
    com: User, person: Person, key_worker: User, organisations: dict
) -> None:
    request = send(
        com,
        person,
        recipient_kind=RecipientKind.FUNCTION,
        organisation=organisations["prison"],
        function=Function.KEY_WORKER,
        further_questions="Any visits?",
    )
    clock.advance(timedelta(days=2))
    reply = services.answer_request(user=key_worker, request=request, reply=full_reply(request))
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.ANSWERED
    assert reply.person_id == person.pk and reply.obtained_on == clock.today()
    assert reply.source_kind == SourceKind.PRISON
    assert reply.source_label == f"The prison: {key_worker.full_name} (Key worker, HMP Testmoor)"
    assert reply.further_answer == "Nothing more to add"
    assert [q for q, _ in reply.answer_rows()][-1] == "Further questions"
    # The recipient's notice is done; the sender has one for the reply.
    assert not Notification.objects.filter(recipient=key_worker, done_at__isnull=True).exists()
    assert Notification.objects.get(recipient=com, kind=Kind.INFORMATION_REPLY).done_at is None
    assert list(queries.for_person(access_for(com, person))) == [request]


def test_every_asked_topic_needs_an_answer(com: User, person: Person, colleague: User) -> None:
    request = send(com, person, colleague=colleague, topics=(Topic.RISKS,), further_questions="Q?")
    with pytest.raises(Invalid) as error:
        services.answer_request(
            user=colleague, request=request, reply=services.NewReply(answers={}, further_answer="")
        )
    assert set(_problems(error)) == {"answer_risks", "further_answer"}
    assert not InformationReply.objects.exists()
    request.refresh_from_db()
    assert request.is_open


def test_only_the_recipient_answers_and_only_once(
    com: User, person: Person, colleague: User, make_user: Callable[..., User]
) -> None:
    request = send(com, person, colleague=colleague)
    with pytest.raises(NotFound):
        services.answer_request(user=com, request=request, reply=full_reply(request))
    with pytest.raises(NotFound):
        services.answer_request(
            user=make_user(Role.COM, "other_team"), request=request, reply=full_reply(request)
        )
    services.answer_request(user=colleague, request=request, reply=full_reply(request))
    with pytest.raises(NotFound):
        services.answer_request(user=colleague, request=request, reply=full_reply(request))
    assert InformationReply.objects.count() == 1


def test_withdrawing_ends_the_request_once_and_closes_its_notices(
    com: User, person: Person, colleague: User
) -> None:
    request = send(com, person, colleague=colleague)
    access = access_for(com, person)
    services.withdraw_request(user=com, access=access, request=request, reason="No longer needed")
    services.withdraw_request(user=com, access=access, request=request)  # sent twice
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.WITHDRAWN
    assert request.withdrawn_reason == "No longer needed"
    assert not Notification.objects.filter(done_at__isnull=True).exists()
    changes = AuditEvent.objects.filter(
        record_type=RecordType.INFORMATION_REQUEST,
        record_id=str(request.pk),
        operation="alteration",
    )
    assert changes.count() == 1
    assert list(queries.addressed_to(colleague)) == []
    with pytest.raises(NotFound):
        services.answer_request(user=colleague, request=request, reply=full_reply(request))


def test_only_the_allocated_staff_may_withdraw(
    com: User, person: Person, colleague: User, make_user: Callable[..., User]
) -> None:
    request = send(com, person, colleague=colleague)
    spo = make_user(Role.SPO, "team")
    with pytest.raises(Refused):
        services.withdraw_request(user=spo, access=access_for(spo, person), request=request)
    request.refresh_from_db()
    assert request.is_open


def test_overdue_requests_are_listed_first_for_the_sender_flagged_and_reminded(
    com: User,
    person: Person,
    colleague: User,
    make_person: Callable[..., Person],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    later = send(com, person, colleague=colleague, due_on=clock.today() + timedelta(days=10))
    soon = send(com, person, colleague=colleague, due_on=clock.today() + timedelta(days=1))
    other = make_person()
    assert queries.overdue_people([person.pk, other.pk]) == set()
    clock.advance(timedelta(days=3))
    assert soon.is_overdue and not later.is_overdue
    assert list(queries.sent_by(com)) == [soon, later]
    assert queries.overdue_people([person.pk, other.pk]) == {person.pk}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        assert send_reminders() == 1
        assert send_reminders() == 0  # safe to run twice
    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_the_sender_seeing_the_replies_closes_their_notice(
    com: User, person: Person, colleague: User
) -> None:
    request = send(com, person, colleague=colleague)
    services.answer_request(user=colleague, request=request, reply=full_reply(request))
    assert services.replies_seen(user=com, person=person) == 1
    assert services.replies_seen(user=com, person=person) == 0


def test_functions_are_for_staff_only(organisations: dict) -> None:
    from throughcare.access.accounts.services import check_account

    problems = check_account(
        email="p@test.example",
        full_name="P",
        role=Role.PARTNER,
        organisation=organisations["partner"],
        functions=[Function.HEALTHCARE],
    )
    assert problems == {"functions": "Only prison and probation staff have functions"}
    assert check_account(
        email="k@test.example",
        full_name="K",
        role=Role.POM,
        organisation=Organisation.objects.get(name="HMP Testmoor"),
        functions=[Function.KEY_WORKER, "made up"],
    ) == {"functions": "Select functions from the list"}
