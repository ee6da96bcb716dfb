"""Asking a colleague for advice on the case, and their answer, each change in one
transaction with its audit event; the adviser, then the asker, are told.

The adviser is a named colleague who can already open the record without break-glass (the
staff of the COM's team and of the POM's prison, SPOs included): asking for advice never
widens who sees the record. Only they may answer; their advice joins the record sourced to
them by name and role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.access import case_team, policy
from throughcare.access.policy import Action
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import services as notifications
from throughcare.notifications.models import Notification

from ..sources import Source, SourceKind
from .models import TEXT_LIMIT, Advice, AdviceRequest

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person


def advisers(person: Person, asker: User) -> list[User]:
    """Whom the asker may ask: the case team's staff who can open the record, not themselves."""
    return [
        user
        for user in case_team.case_team_staff(person)
        if user.pk != asker.pk and case_team.in_case_team(user, person)
    ]


@dataclass(frozen=True)
class NewAdviceRequest:
    specialism: str
    question: str
    adviser: User

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewAdviceRequest:
        return cls(
            specialism=str(data["specialism"]),
            question=str(data.get("question") or ""),
            adviser=data["adviser"],
        )


def _check_text(problems: dict[str, str], data: Mapping[str, Any], field: str, label: str) -> None:
    if field not in data:
        return
    text = str(data[field] or "")
    if not text.strip():
        problems[field] = f"Enter {label.lower()}"
    elif len(text) > TEXT_LIMIT:
        problems[field] = f"{label} must be 20,000 characters or fewer"


def check_request(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    _check_text(problems, data, "question", "Your question")
    if problems:
        raise Invalid(problems)


def _url(request: AdviceRequest) -> str:
    return reverse("casework:advice", args=[request.person_id, request.pk])


@transaction.atomic
def ask(*, user: User, person: Person, request: NewAdviceRequest) -> AdviceRequest:
    """Asks a named colleague in the case team for advice, and tells them."""
    if not policy.can(user, person, Action.ASK_ADVICE):
        raise Refused("You cannot ask for advice on this record")
    check_request({"question": request.question})
    if request.adviser.pk == user.pk or not case_team.in_case_team(request.adviser, person):
        raise Invalid({"adviser": "Select a colleague who can already see this record"})
    created = AdviceRequest.objects.create(
        person=person,
        specialism=request.specialism,
        question=request.question.strip(),
        adviser=request.adviser,
        created_by=user,
    )
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=["specialism", "question", "adviser"],
    )
    notifications.notify(
        by=user,
        person_id=person.pk,
        recipients=[request.adviser],
        notice=notifications.Notice(
            kind=Notification.Kind.ADVICE_REQUEST,
            summary=f"Advice asked of you: {created.get_specialism_display().lower()}",
            url=_url(created),
            subject_type=RecordType.ADVICE_REQUEST,
            subject_id=created.pk,
        ),
    )
    return created


def may_answer(user: User, request: AdviceRequest) -> bool:
    return (
        request.adviser_id == user.pk
        and not has_advice(request)
        and case_team.in_case_team(user, request.person)
    )


def has_advice(request: AdviceRequest) -> bool:
    try:
        request.advice  # noqa: B018 - the reverse one-to-one raises when there is none
    except Advice.DoesNotExist:
        return False
    return True


def check_answer(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    _check_text(problems, data, "text", "Your advice")
    if problems:
        raise Invalid(problems)


@transaction.atomic
def answer(*, user: User, request: AdviceRequest, text: str) -> Advice:
    """The adviser's advice, recorded on the case with them as its source; the asker is told.
    Answering again (a form sent twice) writes nothing."""
    current = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    if current.adviser_id != user.pk or not case_team.in_case_team(user, current.person):
        raise Refused("Only the colleague this was asked of can answer it")
    existing = Advice.objects.filter(request=current).first()
    if existing is not None:
        return existing
    check_answer({"text": text})
    advice = Advice(
        person_id=current.person_id, request=current, text=text.strip(), created_by=user
    )
    Source(SourceKind.COLLEAGUE, clock.today(), user.full_name, user.get_role_display()).apply_to(
        advice
    )
    advice.save()
    current.updated_by = user
    current.version += 1
    current.save(update_fields=["updated_by", "version"])
    record_for(current, user=user, operation=Operation.ALTERATION, fields=["advice"])
    notifications.close(
        by=user,
        subject_type=RecordType.ADVICE_REQUEST,
        subject_id=current.pk,
        kinds=[Notification.Kind.ADVICE_REQUEST],
    )
    if current.created_by is not None:
        notifications.notify(
            by=user,
            person_id=current.person_id,
            recipients=[current.created_by],
            notice=notifications.Notice(
                kind=Notification.Kind.ADVICE_GIVEN,
                summary=f"Advice given: {current.get_specialism_display().lower()}",
                url=_url(current),
                subject_type=RecordType.ADVICE_REQUEST,
                subject_id=current.pk,
            ),
        )
    return advice


def seen(*, user: User, request: AdviceRequest) -> int:
    """The asker has read the advice: the notification telling them of it closes."""
    if request.created_by_id != user.pk:
        return 0
    return notifications.close(
        by=user,
        subject_type=RecordType.ADVICE_REQUEST,
        subject_id=request.pk,
        kinds=[Notification.Kind.ADVICE_GIVEN],
    )
