"""Asking for advice on the case, and the answer, each change in one transaction with its
audit event; the adviser (or advisers), then the asker, are told.

Advice is asked of either
- a named colleague who can already open the record without break-glass (the staff of the
  COM's team and of the POM's prison, SPOs included): only they may answer; or
- a specialist role: a function (psychology, MAPPA coordinator, safeguarding lead, substance
  misuse...) at a prison or probation team. Every active holder of it there is told, and any
  one of them may answer. One outside the case team sees only the question and the person's
  name, CRN and prison number, under the request grant (`access/request_grant.py`), until the
  advice is given or the request withdrawn: their relation to the record is unchanged.

The advice joins the record sourced to the adviser by name and role (or function).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.access import case_team, policy, request_grant
from throughcare.access.models import Function, Organisation
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

ROLE_KINDS = (Organisation.Kind.PRISON, Organisation.Kind.PROBATION_TEAM)


class AskOf:
    COLLEAGUE = "colleague"
    ROLE = "role"


def advisers(person: Person, asker: User) -> list[User]:
    """Whom the asker may ask: the case team's staff who can open the record, not themselves."""
    return [
        user
        for user in case_team.case_team_staff(person)
        if user.pk != asker.pk and case_team.in_case_team(user, person)
    ]


def default_organisation(person: Person) -> Organisation | None:
    """Where a specialist role is asked unless said: the COM's team."""
    return person.com.organisation if person.com_id and person.com else None


@dataclass(frozen=True)
class NewAdviceRequest:
    """Asked of `adviser` (a named colleague), or else of `function` at `organisation`."""

    specialism: str
    question: str
    adviser: User | None
    organisation: Organisation | None = None
    function: str = ""

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewAdviceRequest:
        to_role = data.get("ask_of") == AskOf.ROLE
        return cls(
            specialism=str(data["specialism"]),
            question=str(data.get("question") or ""),
            adviser=None if to_role else data.get("adviser"),
            organisation=data.get("organisation") if to_role else None,
            function=str(data.get("function") or "") if to_role else "",
        )


def _check_addressee(user: User, person: Person, request: NewAdviceRequest) -> None:
    if request.adviser is not None:
        if request.adviser.pk == user.pk or not case_team.in_case_team(request.adviser, person):
            raise Invalid({"adviser": "Select a colleague who can already see this record"})
        return
    problems = {}
    if request.function not in Function.values:
        problems["function"] = "Select the specialist role to ask"
    if request.organisation is None or request.organisation.kind not in ROLE_KINDS:
        problems["organisation"] = "Select the prison or probation team to ask"
    if problems:
        raise Invalid(problems)


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


def _adviser_url(request: AdviceRequest) -> str:
    """Where the adviser answers: the record for a named colleague; the request grant's page
    (the question alone) for a specialist role, whose holders may be outside the case team."""
    if request.adviser_id is not None:
        return _url(request)
    return reverse("casework:advice-to-me", args=[request.pk])


@transaction.atomic
def ask(*, user: User, person: Person, request: NewAdviceRequest) -> AdviceRequest:
    """Asks a named colleague in the case team, or a specialist role at a prison or probation
    team, for advice, and tells them (every holder of the role there)."""
    if not policy.can(user, person, Action.ASK_ADVICE):
        raise Refused("You cannot ask for advice on this record")
    check_request({"question": request.question})
    _check_addressee(user, person, request)
    created = AdviceRequest.objects.create(
        person=person,
        specialism=request.specialism,
        question=request.question.strip(),
        adviser=request.adviser,
        adviser_organisation=None if request.adviser else request.organisation,
        adviser_function="" if request.adviser else request.function,
        created_by=user,
    )
    record_for(
        created,
        user=user,
        operation=Operation.COLLECTION,
        fields=["specialism", "question", "adviser", "adviser_organisation", "adviser_function"],
    )
    notifications.notify(
        by=user,
        person_id=person.pk,
        recipients=list(request_grant.recipients(created)),
        notice=notifications.Notice(
            kind=Notification.Kind.ADVICE_REQUEST,
            summary=f"Advice asked of you: {created.get_specialism_display().lower()}",
            url=_adviser_url(created),
            subject_type=RecordType.ADVICE_REQUEST,
            subject_id=created.pk,
        ),
    )
    return created


def may_answer(user: User, request: AdviceRequest) -> bool:
    """A named colleague still in the case team; any holder of the role asked, at the team
    asked. Only while the request is open."""
    if not request.is_open:
        return False
    if request.adviser_id is not None:
        return request.adviser_id == user.pk and case_team.in_case_team(user, request.person)
    return request_grant.may_on_request(user, request, request_grant.RequestAction.ANSWER)


def _source_role(user: User, request: AdviceRequest) -> str:
    if request.adviser_id is not None:
        return str(user.get_role_display())
    where = request.adviser_organisation.name if request.adviser_organisation else ""
    return f"{request.get_adviser_function_display()}, {where}"


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
    current = (
        AdviceRequest.objects.select_for_update(of=("self",))
        .select_related("person", "adviser_organisation")
        .get(pk=request.pk)
    )
    existing = Advice.objects.filter(request=current).first()
    if existing is not None and existing.created_by_id == user.pk:
        return existing
    if not may_answer(user, current):
        raise Refused("Only the colleague or role this was asked of can answer it")
    check_answer({"text": text})
    advice = Advice(
        person_id=current.person_id, request=current, text=text.strip(), created_by=user
    )
    Source(
        SourceKind.COLLEAGUE, clock.today(), user.full_name, _source_role(user, current)
    ).apply_to(advice)
    advice.save()
    current.updated_by = user
    current.closed_at = clock.now()
    current.version += 1
    current.save(update_fields=["updated_by", "closed_at", "version"])
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


@transaction.atomic
def withdraw(*, user: User, request: AdviceRequest) -> AdviceRequest:
    """The case team no longer needs the advice: the request closes unanswered, its advisers'
    notifications close, and a specialist outside the case team loses even the question."""
    if not policy.can(user, request.person, Action.ASK_ADVICE):
        raise Refused("You cannot withdraw this request for advice")
    current = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    if not current.is_open:
        return current
    current.closed_at = clock.now()
    current.updated_by = user
    current.version += 1
    current.save(update_fields=["closed_at", "updated_by", "version"])
    record_for(current, user=user, operation=Operation.ALTERATION, fields=["closed_at"])
    notifications.close(
        by=user,
        subject_type=RecordType.ADVICE_REQUEST,
        subject_id=current.pk,
        kinds=[Notification.Kind.ADVICE_REQUEST],
    )
    return current
