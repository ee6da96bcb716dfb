"""Referrals through the services: what is shared is written out and recorded as a disclosure
to the organisation; the partner's answer returns to the option and tells the sender; a
question is answered; a withdrawn referral is closed to the partner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from throughcare.access import referral_grant
from throughcare.access.models import Organisation, Role, User
from throughcare.access.referral_grant import ReferralAction, ReferralRelation
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications.models import Notification
from throughcare.partners import services
from throughcare.partners.models import Referral
from throughcare.people.models import Person
from throughcare.planning.tests.helpers import locked_assessment, option

pytestmark = pytest.mark.django_db

ASKED = "A room from the day of release, please"


def _send(com: User, person: Person, housing: Organisation, **extra: object) -> Referral:
    found = option(com, person, provider=housing, description="PRIVATE-OPTION-DETAILS")
    values: dict[str, object] = {"kind": "referral", "asked": ASKED, **extra}
    return services.send(user=com, option=found, new=services.NewReferral(**values))  # type: ignore[arg-type]


def test_a_referral_writes_out_what_is_shared_and_is_a_disclosure_to_the_organisation(
    com: User, person: Person, organisations: dict[str, Organisation], make_user: Callable
) -> None:
    housing = organisations["partner"]
    worker = make_user(Role.PARTNER, "partner")
    locked_assessment(com, person, level="high")
    due = clock.today() + timedelta(days=7)
    referral = _send(com, person, housing, reply_by=due, risks=("overall_community",))
    shared = {row["key"]: row["value"] for row in referral.shared}
    assert shared["Option"] == "His mother's flat"
    assert shared["Address"] == "12 Acacia Road, Northbridge, NB3 2AA"
    assert shared["Name"] == person.full_name and shared["CRN"] == person.crn
    assert "Date of birth" in shared and "Please answer by" in shared
    assert shared["Risk information"] == "Risk of serious harm in the community: High"
    # Only what the sender chose: not the option's details, nor the other risk levels.
    assert "PRIVATE-OPTION-DETAILS" not in str(referral.shared)
    assert "children" not in str(referral.shared).lower()
    disclosure = AuditEvent.objects.get(
        record_type=RecordType.REFERRAL, operation=Operation.DISCLOSURE
    )
    assert disclosure.recipient == housing.name and disclosure.person_id == person.pk
    told = Notification.objects.get(recipient=worker)
    assert told.kind == Notification.Kind.REFERRAL and str(referral.pk) in told.url


def test_risk_information_outside_the_current_assessment_is_refused(
    com: User, person: Person, organisations: dict[str, Organisation]
) -> None:
    with pytest.raises(Invalid) as refused:
        _send(com, person, organisations["partner"], risks=("overall_community",))
    assert "current assessment" in str(refused.value.message_dict["risks"])
    assert not Referral.objects.exists()


def test_bad_input_is_refused_with_every_problem(com: User, person: Person) -> None:
    with pytest.raises(Invalid) as refused:
        services.check_referral(
            {"kind": "letter", "asked": " ", "reply_by": clock.today() - timedelta(days=1)}
        )
    assert set(refused.value.message_dict) == {"kind", "asked", "reply_by"}


def test_an_option_without_a_provider_or_already_waiting_cannot_be_sent(
    com: User, person: Person, organisations: dict[str, Organisation]
) -> None:
    bare = option(com, person)
    with pytest.raises(Invalid):
        services.send(user=com, option=bare, new=services.NewReferral("referral", ASKED))
    _send(com, person, organisations["partner"])
    again = Referral.objects.get().option
    with pytest.raises(Invalid, match="already has this option"):
        services.send(user=com, option=again, new=services.NewReferral("referral", ASKED))


def test_only_the_allocated_staff_send(
    com: User, person: Person, organisations: dict[str, Organisation], make_user: Callable
) -> None:
    found = option(com, person, provider=organisations["partner"])
    with pytest.raises(Refused):
        services.send(
            user=make_user(Role.COM, "team"),
            option=found,
            new=services.NewReferral("referral", ASKED),
        )


def test_the_partner_accepts_and_the_sender_is_told(
    com: User, person: Person, organisations: dict[str, Organisation], make_user: Callable
) -> None:
    worker = make_user(Role.PARTNER, "partner")
    referral = _send(com, person, organisations["partner"])
    services.answer(user=worker, referral=referral, decision=services.ACCEPT, note="Room 4")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.last_answer and referral.last_answer["text"] == "Room 4"
    told = Notification.objects.get(recipient=com)
    assert told.kind == Notification.Kind.REFERRAL_ANSWER and "accepted" in told.summary
    assert not Notification.objects.filter(recipient=worker, done_at__isnull=True).exists()
    with pytest.raises(Invalid, match="already answered"):
        services.answer(user=worker, referral=referral, decision=services.DECLINE, reason="No")


def test_declining_needs_a_reason_and_asking_needs_a_question(
    com: User, person: Person, organisations: dict[str, Organisation], make_user: Callable
) -> None:
    worker = make_user(Role.PARTNER, "partner")
    referral = _send(com, person, organisations["partner"])
    with pytest.raises(Invalid) as refused:
        services.answer(user=worker, referral=referral, decision=services.DECLINE)
    assert refused.value.message_dict == {"reason": ["Enter why you are declining"]}
    with pytest.raises(Invalid) as refused:
        services.answer(user=worker, referral=referral, decision=services.ASK)
    assert refused.value.message_dict == {"question": ["Enter what you need to know"]}
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT and referral.exchange == []


def test_a_question_is_answered_and_the_partner_then_declines(
    com: User, person: Person, organisations: dict[str, Organisation], make_user: Callable
) -> None:
    worker = make_user(Role.PARTNER, "partner")
    referral = _send(com, person, organisations["partner"])
    services.answer(user=worker, referral=referral, decision=services.ASK, question="Any pets?")
    with pytest.raises(Invalid):
        services.reply(user=com, referral=referral, text=" ")
    services.reply(user=com, referral=referral, text="No pets")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    with pytest.raises(Invalid, match="not asked"):
        services.reply(user=com, referral=referral, text="Again")
    services.answer(user=worker, referral=referral, decision=services.DECLINE, reason="Full")
    referral.refresh_from_db()
    assert [e["what"] for e in referral.exchange] == ["question", "reply", "declined"]
    assert referral.status == Referral.Status.DECLINED


def test_another_organisation_cannot_answer_and_a_withdrawn_referral_is_closed(
    com: User, person: Person, organisations: dict[str, Organisation], make_user: Callable
) -> None:
    worker = make_user(Role.PARTNER, "partner")
    other_org = Organisation.objects.create(name="Other", kind=Organisation.Kind.PARTNER)
    other = User.objects.create_user(
        "o@test.example", "correct-horse-battery", role=Role.PARTNER, organisation=other_org
    )
    referral = _send(com, person, organisations["partner"])
    assert referral_grant.referral_relation(other, referral) == ReferralRelation.OTHER
    assert referral_grant.referral_relation(com, referral) == ReferralRelation.OTHER
    with pytest.raises(Refused):
        services.answer(user=other, referral=referral, decision=services.ACCEPT)
    services.withdraw(user=com, referral=referral, reason="Found elsewhere")
    services.withdraw(user=com, referral=referral)  # again: nothing more written
    referral.refresh_from_db()
    assert referral_grant.referral_relation(worker, referral) == ReferralRelation.FORMER_RECIPIENT
    assert referral_grant.may_on_referral(worker, referral, ReferralAction.OPEN)
    assert not referral_grant.may_on_referral(worker, referral, ReferralAction.SEE)
    with pytest.raises(Refused):
        services.answer(user=worker, referral=referral, decision=services.ACCEPT)
    assert len(referral.exchange) == 1
    assert not Notification.objects.filter(done_at__isnull=True).exists()
