"""Sending, withdrawing and answering information requests (P9-P12), each in one transaction
with its audit events and notifications.

- `send_request`: the allocated staff ask (policy action "send and withdraw information
  requests"); refused when it is due in the past, asks nothing, or reaches nobody;
- `withdraw_request`: the allocated staff take an open request back; sent twice, it writes once;
- `answer_request`: its recipient answers, under the request grant; the reply joins the
  person's record as a `Sourced` entry (the replier, the day answered), the request closes and
  with it the grant, and the sender is told.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.access.models import Organisation, Role, User
from throughcare.access.policy import Access, Action
from throughcare.access.queries import who_may_see
from throughcare.access.request_grant import RequestRelation, recipients, request_relation
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, NotFound, Refused
from throughcare.notifications import queries as notification_queries
from throughcare.notifications import services as notifications
from throughcare.notifications.models import Notification
from throughcare.rules import dates

from ..sources import Source, SourceKind
from .models import InformationReply, InformationRequest, RecipientKind, Topic

if TYPE_CHECKING:
    from throughcare.people.models import Person

TEXT_LIMIT = 20_000
Kind = Notification.Kind
STAFF_KINDS = (Organisation.Kind.PRISON, Organisation.Kind.PROBATION_TEAM)


@dataclass(frozen=True)
class NewRequest:
    """A request to send, as the form (later the API) gives it."""

    recipient_kind: str
    purpose: str
    topics: tuple[str, ...]
    due_on: date | None
    colleague: User | None = None
    organisation: Organisation | None = None
    function: str = ""
    partner: Organisation | None = None
    further_questions: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewRequest:
        return cls(
            recipient_kind=str(data.get("recipient_kind") or ""),
            purpose=str(data.get("purpose") or "").strip(),
            topics=tuple(data.get("topics") or ()),
            due_on=data.get("due_on"),
            colleague=data.get("colleague"),
            organisation=data.get("organisation"),
            function=str(data.get("function") or ""),
            partner=data.get("partner"),
            further_questions=str(data.get("further_questions") or "").strip(),
        )

    def addressed(self) -> InformationRequest:
        """An unsaved request carrying only where it goes, for the request grant to read."""
        request = InformationRequest(recipient_kind=self.recipient_kind)
        if self.recipient_kind == RecipientKind.COLLEAGUE and self.colleague is not None:
            request.recipient_user = self.colleague
        elif self.recipient_kind == RecipientKind.FUNCTION and self.organisation is not None:
            request.recipient_organisation = self.organisation
            request.recipient_function = self.function
        elif self.recipient_kind == RecipientKind.PARTNER and self.partner is not None:
            request.recipient_organisation = self.partner
        return request


def _recipient_problems(new: NewRequest, sender: User | None) -> dict[str, str]:
    kind = new.recipient_kind
    if kind == RecipientKind.COLLEAGUE:
        colleague = new.colleague
        if colleague is None or not colleague.is_active or colleague.role == Role.ADMIN:
            return {"colleague": "Select the colleague to ask"}
        if sender is not None and colleague.pk == sender.pk:
            return {"colleague": "Select a colleague other than yourself"}
        return {}
    if kind == RecipientKind.FUNCTION:
        problems = {}
        if new.organisation is None or new.organisation.kind not in STAFF_KINDS:
            problems["organisation"] = "Select the prison or probation team"
        if not new.function:
            problems["function"] = "Select the role to ask"
        if not problems and not recipients(new.addressed()).exists():
            problems["function"] = (
                "Nobody has this role there in Throughcare: ask a named colleague instead"
            )
        return problems
    if kind == RecipientKind.PARTNER:
        if new.partner is None or new.partner.kind != Organisation.Kind.PARTNER:
            return {"partner": "Select the partner organisation"}
        if not recipients(new.addressed()).exists():
            return {"partner": "This organisation has no partner workers in Throughcare"}
        return {}
    return {"recipient_kind": "Select who to ask"}


def check_request(new: NewRequest, sender: User | None = None, today: date | None = None) -> None:
    """Every problem with a request at once: to nobody, asking nothing, no purpose, due in
    the past, or text too long."""
    today = today or clock.today()
    problems = _recipient_problems(new, sender)
    if not new.purpose:
        problems["purpose"] = "Enter why you are asking"
    if any(topic not in Topic.values for topic in new.topics):
        problems["topics"] = "Select topics from the list"
    elif not new.topics and not new.further_questions:
        problems["topics"] = "Select at least one topic, or write your questions"
    if new.due_on is None:
        problems["due_on"] = "Enter the date to answer by"
    elif new.due_on < today:
        problems["due_on"] = "The date to answer by must be today or in the future"
    elif not dates.is_plausible(new.due_on, today):
        problems["due_on"] = "Enter a date within 100 years of today"
    for name in ("purpose", "further_questions"):
        if len(getattr(new, name)) > TEXT_LIMIT:
            problems[name] = "Enter 20,000 characters or fewer"
    if problems:
        raise Invalid(problems)


def _sender_role(user: User) -> str:
    where = f", {user.organisation.name}" if user.organisation else ""
    return f"{user.get_role_display()}{where}"


@transaction.atomic
def send_request(*, user: User, access: Access, new: NewRequest) -> InformationRequest:
    """Sends a request about `access.person`, from its allocated staff, and tells each
    recipient (in the application and by email, with no case detail)."""
    if access.user.pk != user.pk or not access.can(Action.REQUEST_INFORMATION):
        raise Refused("Only the allocated staff can send information requests")
    check_request(new, user)
    assert new.due_on is not None  # noqa: S101 - checked above
    request = new.addressed()
    request.person = access.person
    request.sent_by = user
    request.sender_role = _sender_role(user)
    request.purpose = new.purpose
    request.topics = [topic for topic in Topic.values if topic in new.topics]
    request.further_questions = new.further_questions
    request.due_on = new.due_on
    request.who_will_see = who_may_see(access.person, Action.VIEW_INFORMATION_REQUESTS)
    request.created_by = user
    request.save()
    record_for(
        request,
        user=user,
        operation=Operation.COLLECTION,
        fields=["recipient", "purpose", "topics", "further_questions", "due_on"],
    )
    notifications.notify(
        by=user,
        person_id=request.person_id,
        recipients=recipients(request),
        notice=notifications.Notice(
            kind=Kind.INFORMATION_REQUEST,
            summary="An information request for you to answer",
            url=reverse("casework:request", args=[request.pk]),
            subject_type=RecordType.INFORMATION_REQUEST,
            subject_id=request.pk,
            due_on=request.due_on,
        ),
    )
    return request


def _locked(request: InformationRequest) -> InformationRequest:
    return (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("person", "sent_by", "recipient_user", "recipient_organisation")
        .get(pk=request.pk)
    )


def _close(request: InformationRequest, user: User, status: str) -> None:
    request.status = status
    request.closed_at = clock.now()
    request.updated_by = user
    request.version += 1


@transaction.atomic
def withdraw_request(
    *, user: User, access: Access, request: InformationRequest, reason: str = ""
) -> InformationRequest:
    """Takes back an open request: its recipients lose it at once. A request already answered
    or withdrawn is left as it is (a form sent twice writes once)."""
    if not access.can(Action.REQUEST_INFORMATION) or request.person_id != access.person.pk:
        raise Refused("Only the allocated staff can withdraw information requests")
    if len(reason) > TEXT_LIMIT:
        raise Invalid({"reason": "Enter 20,000 characters or fewer"})
    current = _locked(request)
    if not current.is_open:
        return current
    _close(current, user, InformationRequest.Status.WITHDRAWN)
    current.withdrawn_reason = reason.strip()
    current.save(update_fields=["status", "closed_at", "withdrawn_reason", "updated_by", "version"])
    record_for(
        current, user=user, operation=Operation.ALTERATION, fields=["status", "withdrawn_reason"]
    )
    notifications.close(by=user, subject_type=RecordType.INFORMATION_REQUEST, subject_id=current.pk)
    return current


@dataclass(frozen=True)
class NewReply:
    answers: dict[str, str] = field(default_factory=dict)
    further_answer: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewReply:
        answers = {
            topic: str(data.get(answer_field(topic)) or "").strip()
            for topic in Topic.values
            if answer_field(topic) in data
        }
        return cls(answers=answers, further_answer=str(data.get("further_answer") or "").strip())


def answer_field(topic: str) -> str:
    """The form field (and error key) of a topic's answer."""
    return f"answer_{topic.replace(' ', '_')}"


def check_reply(request: InformationRequest, reply: NewReply) -> None:
    problems = {}
    for topic, label in request.topic_labels:
        text = reply.answers.get(topic, "")
        if not text:
            problems[answer_field(topic)] = (
                f"Answer about {label.lower()}, or say that you do not know"
            )
        elif len(text) > TEXT_LIMIT:
            problems[answer_field(topic)] = "Enter 20,000 characters or fewer"
    if request.further_questions and not reply.further_answer:
        problems["further_answer"] = "Answer the further questions, or say that you do not know"
    elif len(reply.further_answer) > TEXT_LIMIT:
        problems["further_answer"] = "Enter 20,000 characters or fewer"
    if problems:
        raise Invalid(problems)


def reply_source(request: InformationRequest, user: User, today: date) -> Source:
    """Where the reply came from: the colleague (their name and role), the prison (the
    replier and their function there), or the partner organisation (and who answered)."""
    where = user.organisation.name if user.organisation else ""
    if request.recipient_kind == RecipientKind.PARTNER:
        return Source(SourceKind.PARTNER, today, where, f"{user.full_name}, partner worker")
    role = user.get_role_display()
    if request.recipient_kind == RecipientKind.FUNCTION:
        role = request.get_recipient_function_display()
    organisation = request.recipient_organisation or user.organisation
    kind = SourceKind.COLLEAGUE
    if organisation is not None and organisation.kind == Organisation.Kind.PRISON:
        kind = SourceKind.PRISON
    return Source(kind, today, user.full_name, f"{role}, {where}" if where else role)


@transaction.atomic
def answer_request(*, user: User, request: InformationRequest, reply: NewReply) -> InformationReply:
    """Records the recipient's answer beside the request, closes it and tells the sender."""
    current = _locked(request)
    if request_relation(user, current) != RequestRelation.RECIPIENT:
        raise NotFound("No such request")
    check_reply(current, reply)
    today = clock.today()
    asked = {topic for topic, _ in current.topic_labels}
    created = InformationReply(
        person_id=current.person_id,
        request=current,
        answers={topic: text for topic, text in reply.answers.items() if topic in asked},
        further_answer=reply.further_answer if current.further_questions else "",
        created_by=user,
    )
    reply_source(current, user, today).apply_to(created)
    created.save()
    _close(current, user, InformationRequest.Status.ANSWERED)
    current.save(update_fields=["status", "closed_at", "updated_by", "version"])
    record_for(created, user=user, operation=Operation.COLLECTION, fields=["answers", "source"])
    record_for(current, user=user, operation=Operation.ALTERATION, fields=["status"])
    notifications.close(by=user, subject_type=RecordType.INFORMATION_REQUEST, subject_id=current.pk)
    notifications.notify(
        by=user,
        person_id=current.person_id,
        recipients=[current.sent_by],
        notice=notifications.Notice(
            kind=Kind.INFORMATION_REPLY,
            summary="A reply to your information request",
            url=reverse("casework:requests", args=[current.person_id]),
            subject_type=RecordType.INFORMATION_REPLY,
            subject_id=created.pk,
        ),
    )
    return created


def replies_seen(*, user: User, person: Person) -> int:
    """The sender has opened the person's requests: their notices of replies about this
    person are done."""
    reply_ids = (
        notification_queries.open_for(user)
        .filter(person_id=person.pk, kind=Kind.INFORMATION_REPLY)
        .values_list("subject_id", flat=True)
    )
    closed = 0
    for reply_id in list(reply_ids):
        closed += notifications.close(
            by=user,
            subject_type=RecordType.INFORMATION_REPLY,
            subject_id=reply_id,
            kinds=[Kind.INFORMATION_REPLY],
        )
    return closed
