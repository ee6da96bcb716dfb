"""Every change to a referral: sending it (a disclosure to the partner organisation), the
partner's answer, the sender's reply to a question, and withdrawing it. Each checks, writes in
one transaction and records its audit event in that same transaction; `check_*` report every
problem in the fields they are given, for the pages (`ui.errors.check_form`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from throughcare.access import policy, referral_grant
from throughcare.access.policy import Action
from throughcare.access.referral_grant import ReferralAction
from throughcare.assessment.rules.rosh import CELLS
from throughcare.assessment.sections.harm import GROUP_WORDS, SETTING_WORDS, cell_field
from throughcare.audit.models import Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import services as notifications
from throughcare.notifications.models import Notification
from throughcare.planning import facts
from throughcare.rules.dates import is_plausible, long_date

from .models import TEXT_LIMIT, Referral

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.planning.models import Option

S = Referral.Status
ACCEPT, DECLINE, ASK = "accept", "decline", "ask"
OVERALL = "overall_community"


# What may be shared ---------------------------------------------------------------------------


def risk_choices(option: Option) -> list[tuple[str, str]]:
    """The risk information the sender may include: the current assessment's risk of serious
    harm in the community, overall and for each group rated (none without a locked
    assessment)."""
    found = facts.assessment(option.person)
    if found is None:
        return []
    choices = []
    if found.community:
        choices.append(
            (
                OVERALL,
                f"Risk of serious harm in the community: {found.community.capitalize()}",
            )
        )
    for group, setting in CELLS:
        level = found.levels.get((group, setting))
        if setting == "community" and level is not None:
            words = f"{GROUP_WORDS[group]} {SETTING_WORDS[setting]}"
            choices.append(
                (cell_field(group, setting), f"Risk of serious harm to {words}: {level.label}")
            )
    return choices


@dataclass(frozen=True)
class NewReferral:
    kind: str
    asked: str
    needed_from: date | None = None
    reply_by: date | None = None
    risks: tuple[str, ...] = ()

    @classmethod
    def from_cleaned(cls, data: Mapping[str, Any]) -> NewReferral:
        return cls(
            kind=str(data.get("kind") or ""),
            asked=str(data.get("asked") or "").strip(),
            needed_from=data.get("needed_from"),
            reply_by=data.get("reply_by"),
            risks=tuple(data.get("risks") or ()),
        )


def _row(key: str, value: str) -> dict[str, str]:
    return {"key": key, "value": value}


def shared_rows(option: Option, new: NewReferral, sender: User) -> list[dict[str, str]]:
    """What the partner will see, written out: the option's part that concerns them, the
    person's name, CRN and date of birth, the dates, and the risk information chosen."""
    person = option.person
    rows = [
        _row("Kind of option", option.get_kind_display()),
        _row("Option", option.title),
    ]
    if option.is_accommodation and option.accommodation_type:
        rows.append(_row("Type of accommodation", option.get_accommodation_type_display()))
    if option.address or option.postcode:
        rows.append(
            _row("Address", ", ".join(p for p in (option.address.strip(), option.postcode) if p))
        )
    if option.area:
        rows.append(_row("Named area", option.area))
    rows += [
        _row("Name", person.full_name),
        _row("CRN", person.crn),
        _row("Date of birth", long_date(person.date_of_birth)),
    ]
    if person.release_date:
        rows.append(_row("Release date", long_date(person.release_date)))
    if new.needed_from:
        rows.append(_row("Needed from", long_date(new.needed_from)))
    if new.reply_by:
        rows.append(_row("Please answer by", long_date(new.reply_by)))
    labels = dict(risk_choices(option))
    rows += [_row("Risk information", labels[key]) for key in new.risks if key in labels]
    organisation = sender.organisation.name if sender.organisation else ""
    rows.append(
        _row("Sent by", ", ".join(p for p in (sender.full_name, organisation) if p)),
    )
    return rows


def check_referral(data: Mapping[str, Any], *, risks: Mapping[str, str] | None = None) -> None:
    problems: dict[str, str] = {}
    if "kind" in data and data["kind"] not in Referral.Kind.values:
        problems["kind"] = "Select whether it is a referral or a notice"
    if "asked" in data:
        asked = str(data["asked"] or "")
        if not asked.strip():
            problems["asked"] = "Enter what you are asking of them"
        elif len(asked) > TEXT_LIMIT:
            problems["asked"] = f"What you are asking must be {TEXT_LIMIT:,} characters or fewer"
    today = clock.today()
    for name, label in (("needed_from", "The date needed from"), ("reply_by", "The answer date")):
        value = data.get(name)
        if isinstance(value, date) and not is_plausible(value, today):
            problems[name] = f"{label} must be a real date"
    reply_by = data.get("reply_by")
    if isinstance(reply_by, date) and "reply_by" not in problems and reply_by < today:
        problems["reply_by"] = "The date to answer by must be today or in the future"
    if risks is not None and any(key not in risks for key in data.get("risks") or ()):
        problems["risks"] = "Select risk information from the current assessment"
    if problems:
        raise Invalid(problems)


def _may_edit(user: User, option: Option) -> None:
    if not policy.can(user, option.person, Action.EDIT):
        raise Refused("Only the allocated staff can alert the organisations affected")


def _entry(user: User, what: str, text: str = "", *, by_partner: bool = False) -> dict[str, Any]:
    organisation = user.organisation.name if user.organisation else ""
    return {
        "what": what,
        "text": text,
        "by": user.full_name,
        "organisation": organisation,
        "at": clock.now().isoformat(),
        "by_partner": by_partner,
    }


def _to_partner(referral: Referral) -> str:
    return reverse("partners:referral-to-us", args=[referral.pk])


def _to_sender(referral: Referral) -> str:
    return reverse("partners:referral", args=[referral.person_id, referral.pk])


def _tell_partner(user: User, referral: Referral, summary: str) -> None:
    notifications.notify(
        by=user,
        person_id=referral.person_id,
        recipients=referral_grant.recipients(referral),
        notice=notifications.Notice(
            kind=Notification.Kind.REFERRAL,
            summary=summary,
            url=_to_partner(referral),
            subject_type=RecordType.REFERRAL,
            subject_id=referral.pk,
        ),
    )


@transaction.atomic
def send(*, user: User, option: Option, new: NewReferral) -> Referral:
    """Sends the option's partner organisation the part of the option that concerns them,
    written out, and records it as a disclosure to that organisation (P26, P33)."""
    _may_edit(user, option)
    check_referral(new.__dict__, risks=dict(risk_choices(option)))
    if option.provider is None:
        raise Invalid({"kind": "Add the partner organisation that would provide it first"})
    if Referral.objects.filter(
        option=option, organisation=option.provider, status__in=[S.SENT, S.MORE_INFORMATION]
    ).exists():
        raise Invalid(
            {
                "kind": f"{option.provider.name} already has this option to answer: "
                "withdraw that first to send another"
            }
        )
    referral = Referral.objects.create(
        person_id=option.person_id,
        option=option,
        organisation=option.provider,
        kind=new.kind,
        asked=new.asked,
        shared=shared_rows(option, new, user),
        created_by=user,
        updated_by=user,
    )
    record_for(referral, user=user, operation=Operation.COLLECTION, fields=["kind", "asked"])
    record_for(
        referral,
        user=user,
        operation=Operation.DISCLOSURE,
        recipient=option.provider.name[:200],
        fields=[row["key"] for row in referral.shared] + ["What is asked of them"],
    )
    _tell_partner(user, referral, f"A {referral.kind_word} to answer")
    return referral


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("person", "organisation", "option", "created_by")
        .get(pk=referral.pk)
    )


def _save(referral: Referral, user: User, fields: list[str]) -> None:
    referral.updated_by = user
    referral.version += 1
    referral.save(update_fields=[*fields, "updated_by", "updated_at", "version"])
    record_for(referral, user=user, operation=Operation.ALTERATION, fields=fields)


def check_answer(data: Mapping[str, Any]) -> None:
    problems: dict[str, str] = {}
    decision = data.get("decision")
    if "decision" in data and decision not in (ACCEPT, DECLINE, ASK):
        problems["decision"] = "Select your answer"
    for name, needed, missing, label in (
        ("reason", decision == DECLINE, "Enter why you are declining", "Why you are declining"),
        ("question", decision == ASK, "Enter what you need to know", "What you need to know"),
        ("note", False, "", "Your note"),
    ):
        text = str(data.get(name) or "")
        if needed and not text.strip():
            problems[name] = missing
        elif len(text) > TEXT_LIMIT:
            problems[name] = f"{label} must be {TEXT_LIMIT:,} characters or fewer"
    if problems:
        raise Invalid(problems)


ANSWERED = {ACCEPT: S.ACCEPTED, DECLINE: S.DECLINED, ASK: S.MORE_INFORMATION}
SAID = {ACCEPT: "accepted", DECLINE: "declined", ASK: "question"}


@transaction.atomic
def answer(
    *,
    user: User,
    referral: Referral,
    decision: str,
    reason: str = "",
    question: str = "",
    note: str = "",
) -> Referral:
    """The partner's answer: accepted, declined with a reason, or a question for the sender.
    It returns to the option, and the sender is told."""
    if not referral_grant.may_on_referral(user, referral, ReferralAction.ANSWER):
        raise Refused("Only the organisation it was sent to can answer it")
    check_answer({"decision": decision, "reason": reason, "question": question, "note": note})
    current = _locked(referral)
    if not current.awaits_answer:
        raise Invalid(
            {
                "decision": f"This {current.kind_word} was already answered: it is "
                f"{current.get_status_display().lower()}"
            }
        )
    text = {ACCEPT: note, DECLINE: reason, ASK: question}[decision].strip()
    current.status = ANSWERED[decision]
    current.exchange = [*current.exchange, _entry(user, SAID[decision], text, by_partner=True)]
    current.answered_at = clock.now()
    _save(current, user, ["status", "exchange", "answered_at"])
    notifications.close(
        by=user,
        subject_type=RecordType.REFERRAL,
        subject_id=current.pk,
        kinds=[Notification.Kind.REFERRAL],
    )
    if current.created_by is not None:
        summary = {
            ACCEPT: f"{current.organisation.name} accepted your {current.kind_word}",
            DECLINE: f"{current.organisation.name} declined your {current.kind_word}",
            ASK: f"{current.organisation.name} asked for more information",
        }[decision]
        notifications.notify(
            by=user,
            person_id=current.person_id,
            recipients=[current.created_by],
            notice=notifications.Notice(
                kind=Notification.Kind.REFERRAL_ANSWER,
                summary=summary,
                url=_to_sender(current),
                subject_type=RecordType.REFERRAL,
                subject_id=current.pk,
            ),
        )
    return current


def check_reply(data: Mapping[str, Any]) -> None:
    text = str(data.get("reply") or "")
    if "reply" in data and not text.strip():
        raise Invalid({"reply": "Enter your answer to their question"})
    if len(text) > TEXT_LIMIT:
        raise Invalid({"reply": f"Your answer must be {TEXT_LIMIT:,} characters or fewer"})


@transaction.atomic
def reply(*, user: User, referral: Referral, text: str) -> Referral:
    """The sender answers the partner's question; it waits for their answer again."""
    _may_edit(user, referral.option)
    check_reply({"reply": text})
    current = _locked(referral)
    if current.status != S.MORE_INFORMATION:
        raise Invalid({"reply": "They have not asked a question that is waiting for an answer"})
    current.status = S.SENT
    current.exchange = [*current.exchange, _entry(user, "reply", text.strip())]
    _save(current, user, ["status", "exchange"])
    notifications.close(
        by=user,
        subject_type=RecordType.REFERRAL,
        subject_id=current.pk,
        kinds=[Notification.Kind.REFERRAL_ANSWER],
    )
    _tell_partner(user, current, f"An answer to your question on a {current.kind_word}")
    return current


def check_withdrawal(data: Mapping[str, Any]) -> None:
    if len(str(data.get("reason") or "")) > TEXT_LIMIT:
        raise Invalid(
            {"reason": f"Why you are withdrawing it must be {TEXT_LIMIT:,} characters or fewer"}
        )


@transaction.atomic
def withdraw(*, user: User, referral: Referral, reason: str = "") -> Referral:
    """Withdraws the referral: the partner sees only that it was withdrawn. Withdrawing it
    again writes nothing."""
    _may_edit(user, referral.option)
    check_withdrawal({"reason": reason})
    current = _locked(referral)
    if current.is_withdrawn:
        return current
    current.status = S.WITHDRAWN
    current.exchange = [*current.exchange, _entry(user, "withdrawn", reason.strip())]
    _save(current, user, ["status", "exchange"])
    notifications.close(by=user, subject_type=RecordType.REFERRAL, subject_id=current.pk)
    return current
