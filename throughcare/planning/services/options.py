"""Every change to release options, their evaluations, barriers, restrictions and victim
liaison consultations: each checks, writes in one transaction and records its audit event in
that same transaction. `check_*` report every problem in the fields they are given, for the
pages (`ui.errors.check_form`); the writes call them again."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.access import case_team, policy
from throughcare.access.models import Organisation
from throughcare.access.policy import Action
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.casework.sources import Source
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import services as notifications
from throughcare.notifications.models import Notification
from throughcare.rules.places import is_postcode, normalised_postcode

from .. import facts
from ..models import (
    SHORT_LIMIT,
    TEXT_LIMIT,
    Criterion,
    Evaluation,
    Option,
    OptionKind,
)

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.casework.advice.models import AdviceRequest
    from throughcare.people.models import Person

from ..checks import raise_if, text
from .common import _may_edit

S = Option.Status

# Options -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewOption:
    kind: str
    title: str
    description: str = ""
    accommodation_type: str = ""
    provider: Organisation | None = None
    address: str = ""
    postcode: str = ""
    area: str = ""
    household: str = ""
    household_children: bool = False

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewOption:
        return cls(
            kind=str(data.get("kind") or ""),
            title=str(data.get("title") or "").strip(),
            description=str(data.get("description") or "").strip(),
            accommodation_type=str(data.get("accommodation_type") or ""),
            provider=data.get("provider"),
            address=str(data.get("address") or "").strip(),
            postcode=str(data.get("postcode") or "").strip(),
            area=str(data.get("area") or "").strip(),
            household=str(data.get("household") or "").strip(),
            household_children=bool(data.get("household_children")),
        )


def check_option(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    if "kind" in data and data["kind"] not in OptionKind.values:
        problems["kind"] = "Select the kind of option"
    text(problems, data, "title", "The option", required=True, limit=SHORT_LIMIT)
    for name, label in (
        ("description", "Details"),
        ("address", "The address"),
        ("household", "Who lives there"),
    ):
        text(problems, data, name, label)
    text(problems, data, "area", "The named area", limit=SHORT_LIMIT)
    if data.get("kind") == OptionKind.ACCOMMODATION:
        if "accommodation_type" in data and not data["accommodation_type"]:
            problems["accommodation_type"] = "Select the type of accommodation"
        if "address" in data and not str(data["address"] or "").strip():
            problems["address"] = "Enter the address"
    postcode = str(data.get("postcode") or "")
    if postcode.strip() and not is_postcode(postcode):
        problems["postcode"] = "Enter a real postcode, like NB1 4XY"
    provider = data.get("provider")
    if provider is not None and getattr(provider, "kind", None) != Organisation.Kind.PARTNER:
        problems["provider"] = "Select a partner organisation"
    raise_if(problems)


@transaction.atomic
def add_option(*, user: User, person: Person, new: NewOption) -> Option:
    _may_edit(user, person)
    check_option({**new.__dict__, "provider": new.provider})
    accommodation = new.kind == OptionKind.ACCOMMODATION
    option = Option.objects.create(
        person=person,
        created_by=user,
        kind=new.kind,
        title=new.title,
        description=new.description,
        accommodation_type=new.accommodation_type if accommodation else "",
        provider=new.provider,
        address=new.address,
        postcode=normalised_postcode(new.postcode),
        area=new.area,
        household=new.household if accommodation else "",
        household_children=new.household_children if accommodation else False,
    )
    record_for(option, user=user, operation=Operation.COLLECTION, fields=list(new.__dict__))
    return option


def _locked(option: Option) -> Option:
    return Option.objects.select_for_update().select_related("person").get(pk=option.pk)


def _save(
    option: Option, user: User, fields: list[str], operation: Operation = Operation.ALTERATION
) -> None:
    option.updated_by = user
    option.version += 1
    option.save(update_fields=[*fields, "updated_by", "updated_at", "version"])
    record_for(option, user=user, operation=operation, fields=fields)


# Evaluations ---------------------------------------------------------------------------------


def rating_field(criterion: str) -> str:
    return "p" + criterion[1:].replace(".", "_") + "_rating"


def evidence_field(criterion: str) -> str:
    return "p" + criterion[1:].replace(".", "_") + "_evidence"


def check_evaluations(data: Mapping[str, Any]) -> None:
    """A rating needs its evidence, evidence needs its rating, and one point at least."""
    problems: dict[str, str] = {}
    any_given = False
    for criterion, label in Criterion.choices:
        rating, evidence = data.get(rating_field(criterion)), data.get(evidence_field(criterion))
        if rating_field(criterion) not in data and evidence_field(criterion) not in data:
            continue
        words = f"{criterion} ({label[:1].lower()}{label[1:]})"
        if rating and not str(evidence or "").strip():
            problems[evidence_field(criterion)] = f"Enter the evidence for {words}"
        elif str(evidence or "").strip() and not rating:
            problems[rating_field(criterion)] = f"Select how {criterion} weighs the option"
        elif len(str(evidence or "")) > TEXT_LIMIT:
            problems[evidence_field(criterion)] = (
                f"Evidence must be {TEXT_LIMIT:,} characters or fewer"
            )
        any_given = any_given or bool(rating)
    if not any_given and not problems and any(rating_field(c) in data for c in Criterion.values):
        problems[rating_field(Criterion.RISK)] = "Weigh the option on at least one point"
    raise_if(problems)


@transaction.atomic
def evaluate(
    *, user: User, option: Option, answers: Mapping[str, Any], source: Source
) -> list[Evaluation]:
    """Records the option's evaluation on each point answered (a point evaluated before is
    replaced, its earlier version kept in the audit log), all with the one source given."""
    _may_edit(user, option.person)
    check_evaluations(answers)
    source.check(clock.today())
    current = _locked(option)
    saved = []
    for criterion in Criterion.values:
        rating = answers.get(rating_field(criterion))
        if not rating:
            continue
        evaluation = Evaluation.objects.filter(option=current, criterion=criterion).first()
        operation = Operation.ALTERATION
        if evaluation is None:
            evaluation = Evaluation(
                person_id=current.person_id, option=current, criterion=criterion, created_by=user
            )
            operation = Operation.COLLECTION
        else:
            evaluation.version += 1
            evaluation.updated_by = user
        evaluation.rating = str(rating)
        evaluation.evidence = str(answers.get(evidence_field(criterion)) or "").strip()
        source.apply_to(evaluation)
        evaluation.save()
        record_for(
            evaluation,
            user=user,
            operation=operation,
            fields=["rating", "evidence", "source_kind", "obtained_on"],
        )
        saved.append(evaluation)
    return saved


# Choosing and rejecting ------------------------------------------------------------------------


def check_choice(data: Mapping[str, Any], *, conflicted: bool) -> None:
    problems: dict[str, str] = {}
    text(problems, data, "reasoning", "Why you chose it", required=True)
    text(
        problems,
        data,
        "conflict_reason",
        "Why you chose it despite the conflicts",
        required=conflicted,
    )
    raise_if(problems)


def _spo_url(option: Option) -> str:
    return reverse("planning:option", args=[option.person_id, option.pk])


@transaction.atomic
def choose(*, user: User, option: Option, reasoning: str, conflict_reason: str = "") -> Option:
    """Chooses the option with the reasoning (K16). With a conflict, the reason for choosing it
    is needed and it waits for the SPO's agreement (the team's SPOs are told)."""
    _may_edit(user, option.person)
    current = _locked(option)
    found = facts.option_conflicts(current, facts.person_facts(current.person))
    check_choice(
        {"reasoning": reasoning, "conflict_reason": conflict_reason}, conflicted=bool(found)
    )
    if current.status in (S.CHOSEN, S.AWAITING_AGREEMENT):
        return current
    if current.is_accommodation:
        other = Option.objects.filter(
            person_id=current.person_id,
            kind=current.kind,
            status__in=[S.CHOSEN, S.AWAITING_AGREEMENT],
        ).first()
        if other is not None:
            raise Invalid(
                {
                    "reasoning": f"“{other.title}” is already chosen as where they will "
                    "live: reject it first, with your reasons"
                }
            )
    current.status = S.AWAITING_AGREEMENT if found else S.CHOSEN
    current.reasoning = reasoning.strip()
    current.conflict_reason = conflict_reason.strip() if found else ""
    current.decided_at, current.decided_by = clock.now(), user
    current.agreed_at, current.agreed_by, current.agreement_comments = None, None, ""
    _save(
        current,
        user,
        [
            "status",
            "reasoning",
            "conflict_reason",
            "decided_at",
            "decided_by",
            "agreed_at",
            "agreed_by",
            "agreement_comments",
        ],
    )
    if found:
        notifications.notify(
            by=user,
            person_id=current.person_id,
            recipients=case_team.team_spos(current.person),
            notice=notifications.Notice(
                kind=Notification.Kind.OPTION_AGREEMENT,
                summary="A release option with a conflict to agree",
                url=_spo_url(current),
                subject_type=RecordType.RELEASE_OPTION,
                subject_id=current.pk,
            ),
        )
    return current


def check_rejection(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    text(problems, data, "reasoning", "Why you rejected it", required=True)
    raise_if(problems)


@transaction.atomic
def reject(*, user: User, option: Option, reasoning: str) -> Option:
    """Rejects the option; its reasons are kept with it."""
    _may_edit(user, option.person)
    check_rejection({"reasoning": reasoning})
    current = _locked(option)
    if current.status == S.REJECTED:
        return current
    current.status, current.reasoning = S.REJECTED, reasoning.strip()
    current.decided_at, current.decided_by = clock.now(), user
    _save(current, user, ["status", "reasoning", "decided_at", "decided_by"])
    notifications.close(
        by=user,
        subject_type=RecordType.RELEASE_OPTION,
        subject_id=current.pk,
        kinds=[Notification.Kind.OPTION_AGREEMENT],
    )
    return current


AGREE, DECLINE = "agree", "decline"


def check_agreement(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    if "decision" in data and data["decision"] not in (AGREE, DECLINE):
        problems["decision"] = "Select whether you agree to the choice"
    text(problems, data, "comments", "Your comments", required=data.get("decision") == DECLINE)
    raise_if(problems)


@transaction.atomic
def agree(*, user: User, option: Option, decision: str, comments: str = "") -> Option:
    """The team's SPO agrees to a conflicting choice (it is chosen) or declines it, with their
    comments (it goes back to being considered); whoever chose it is told."""
    if not policy.can(user, option.person, Action.COUNTERSIGN):
        raise Refused("Only the team's senior probation officer can agree to this choice")
    check_agreement({"decision": decision, "comments": comments})
    current = _locked(option)
    if current.status != S.AWAITING_AGREEMENT:
        return current
    if current.decided_by_id == user.pk:
        raise Refused("Someone other than the person who chose it must agree to it")
    current.status = S.CHOSEN if decision == AGREE else S.CONSIDERING
    current.agreed_at, current.agreed_by = clock.now(), user
    current.agreement_comments = comments.strip()
    _save(current, user, ["status", "agreed_at", "agreed_by", "agreement_comments"])
    notifications.close(
        by=user,
        subject_type=RecordType.RELEASE_OPTION,
        subject_id=current.pk,
        kinds=[Notification.Kind.OPTION_AGREEMENT],
    )
    if current.decided_by is not None:
        notifications.notify(
            by=user,
            person_id=current.person_id,
            recipients=[current.decided_by],
            notice=notifications.Notice(
                kind=Notification.Kind.OTHER,
                summary="The SPO agreed to the option chosen"
                if decision == AGREE
                else "The SPO did not agree to the option chosen",
                url=_spo_url(current),
                subject_type=RecordType.RELEASE_OPTION,
                subject_id=current.pk,
            ),
        )
    return current


@transaction.atomic
def link_advice(*, user: User, option: Option, request: AdviceRequest) -> None:
    """Keeps a request for advice about the option with it (P27)."""
    current = _locked(option)
    current.advice_requests.add(request)
    record_for(current, user=user, operation=Operation.ALTERATION, fields=["advice_requests"])
