"""Options, their conflicts, evaluation and choice through the services: checked, audited in
the same transaction, the SPO told and their agreement needed for a conflicting choice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.caseload import flags
from throughcare.casework.sources import Source
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications.models import Notification
from throughcare.people import services as people_services
from throughcare.people.commands import NewOffence
from throughcare.people.models import Person
from throughcare.planning import facts, services
from throughcare.planning.models import Evaluation, Option, ProviderProfile, Restriction
from throughcare.planning.rules import conflicts

from .helpers import VICTIM_POSTCODE, option, victim

pytestmark = pytest.mark.django_db


def _rules(item: Option) -> list[str]:
    return [c.rule for c in facts.option_conflicts(item, facts.person_facts(item.person))]


def test_an_option_at_a_victims_postcode_conflicts(com: User, person: Person) -> None:
    victim(com, person)
    at_victim = option(com, person, postcode=VICTIM_POSTCODE.lower())
    elsewhere = option(com, person, title="Hostel", postcode="NB9 1AA")
    assert _rules(at_victim) == [conflicts.VICTIM_ADDRESS]
    assert _rules(elsewhere) == []
    assert AuditEvent.objects.filter(record_type=RecordType.RELEASE_OPTION).count() == 2


def test_children_exclusion_and_approved_premises_come_from_the_record(
    com: User, person: Person, organisations: dict, make_user: Callable[..., User]
) -> None:
    services.add_restriction(
        user=com,
        person=person,
        kind=Restriction.Kind.CHILDREN,
        area="",
        details="",
        source=Source("document", clock.today(), "Court order"),
    )
    services.add_restriction(
        user=com,
        person=person,
        kind=Restriction.Kind.EXCLUSION,
        area="NB3",
        details="",
        source=Source("document", clock.today(), "Court order"),
    )
    with_children = option(com, person, household_children=True)
    assert _rules(with_children) == [conflicts.CHILDREN, conflicts.EXCLUSION]
    ProviderProfile.objects.create(
        organisation=organisations["partner"], approved_premises=True, not_accepted=["Violence"]
    )
    sentence = person.sentences.get()
    people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence(
            description="Assault",
            conviction_date=sentence.sentence_date,
            ogrs3_category="Violence",
            is_main=True,
        ),
    )
    ap = option(
        com,
        person,
        title="AP",
        accommodation_type="approved premises",
        provider=organisations["partner"],
        postcode="NB8 1AA",
    )
    assert _rules(ap) == [conflicts.APPROVED_PREMISES]


def test_an_option_with_no_kind_or_title_is_refused_and_nothing_saved(
    com: User, person: Person
) -> None:
    with pytest.raises(Invalid) as refused:
        option(com, person, kind="", title="", postcode="not a postcode")
    assert set(refused.value.message_dict) == {"kind", "title", "postcode"}
    with pytest.raises(Invalid) as no_address:
        option(com, person, address="", accommodation_type="")
    assert set(no_address.value.message_dict) == {"address", "accommodation_type"}
    assert not Option.objects.exists()


def test_an_evaluation_needs_evidence_and_keeps_its_source(com: User, person: Person) -> None:
    item = option(com, person)
    source = Source("colleague", clock.today(), "Sam Patel", "Housing officer")
    with pytest.raises(Invalid) as refused:
        services.evaluate(
            user=com,
            option=item,
            answers={"p25_1_rating": "for", "p25_1_evidence": " "},
            source=source,
        )
    assert "p25_1_evidence" in refused.value.message_dict
    assert not Evaluation.objects.exists()
    services.evaluate(
        user=com,
        option=item,
        source=source,
        answers={
            "p25_1_rating": "against",
            "p25_1_evidence": "Two streets from the victim",
            "p25_6_rating": "for",
            "p25_6_evidence": "Room confirmed",
        },
    )
    services.evaluate(
        user=com,
        option=item,
        source=source,
        answers={"p25_1_rating": "mixed", "p25_1_evidence": "Victim moved away"},
    )
    stored = {e.criterion: e for e in Evaluation.objects.all()}
    assert set(stored) == {"P25.1", "P25.6"}
    assert stored["P25.1"].rating == "mixed" and stored["P25.1"].version == 2
    assert stored["P25.6"].source_label == "A colleague: Sam Patel (Housing officer)"


def test_choosing_a_conflicting_option_needs_a_reason_and_the_spos_agreement(
    com: User, person: Person, make_user: Callable[..., User]
) -> None:
    spo = make_user(Role.SPO, "team")
    victim(com, person)
    item = option(com, person, postcode=VICTIM_POSTCODE)
    with pytest.raises(Invalid) as refused:
        services.choose(user=com, option=item, reasoning="Family support", conflict_reason="")
    assert set(refused.value.message_dict) == {"conflict_reason"}
    chosen = services.choose(
        user=com,
        option=item,
        reasoning="Family support",
        conflict_reason="The victim has moved; police confirm",
    )
    assert chosen.status == Option.Status.AWAITING_AGREEMENT
    told = Notification.objects.get(kind=Notification.Kind.OPTION_AGREEMENT)
    assert told.recipient == spo and told.done_at is None
    with pytest.raises(Refused):
        services.agree(user=com, option=chosen, decision=services.AGREE)
    with pytest.raises(Invalid):
        services.agree(user=spo, option=chosen, decision=services.DECLINE, comments="")
    agreed = services.agree(user=spo, option=chosen, decision=services.AGREE)
    assert agreed.status == Option.Status.CHOSEN and agreed.agreed_by == spo
    told.refresh_from_db()
    assert told.done_at is not None
    assert Notification.objects.filter(recipient=com, subject_id=str(item.pk)).exists()


def test_a_choice_without_conflicts_is_made_at_once_and_a_rejection_keeps_its_reasons(
    com: User, person: Person
) -> None:
    first = option(com, person)
    second = option(com, person, title="Safe Harbour hostel", postcode="NB7 1AA")
    with pytest.raises(Invalid):
        services.choose(user=com, option=first, reasoning="")
    services.choose(user=com, option=first, reasoning="Settled, near work")
    with pytest.raises(Invalid) as twice:
        services.choose(user=com, option=second, reasoning="Better")
    assert "already chosen" in twice.value.message_dict["reasoning"][0]
    services.reject(user=com, option=second, reasoning="No bed before the release date")
    second.refresh_from_db()
    assert second.status == Option.Status.REJECTED
    assert second.reasoning == "No bed before the release date"
    assert not Notification.objects.exists()


def test_only_the_allocated_staff_change_options(
    person: Person, make_user: Callable[..., User]
) -> None:
    colleague = make_user(Role.COM, "team")
    with pytest.raises(Refused):
        option(colleague, person)


def test_a_barrier_is_resolved_only_with_an_outcome(com: User, person: Person) -> None:
    with pytest.raises(Invalid) as refused:
        services.record_barrier(
            user=com,
            person=person,
            data={"kind": "organisational", "description": "", "resolved": True, "outcome": ""},
        )
    assert set(refused.value.message_dict) == {"description", "outcome"}
    barrier = services.record_barrier(
        user=com,
        person=person,
        data={
            "kind": "organisational",
            "description": "Council refuses a housing assessment",
            "challenge": "Escalated to the housing manager",
            "challenged_by": "The COM",
        },
    )
    assert barrier.is_open
    closed = services.update_barrier(
        user=com,
        barrier=barrier,
        data={
            "challenge": barrier.challenge,
            "challenged_by": "The COM",
            "outcome": "Assessment booked",
            "resolved": True,
        },
    )
    assert not closed.is_open and closed.version == 2


def test_a_consultation_and_a_restriction_need_their_source(com: User, person: Person) -> None:
    future = Source("partner", clock.today() + timedelta(days=1), "Victim liaison unit")
    with pytest.raises(Invalid):
        services.add_consultation(
            user=com, person=person, summary="Asks for NB1 to be avoided", source=future
        )
    with pytest.raises(Invalid) as refused:
        services.add_restriction(
            user=com,
            person=person,
            kind="exclusion area",
            area=" ",
            details="",
            source=Source("person", clock.today()),
        )
    assert "area" in refused.value.message_dict


def test_a_person_with_two_open_barriers_is_flagged_once(com: User, person: Person) -> None:
    for description in ("Council refuses a housing assessment", "No bank will open an account"):
        services.record_barrier(
            user=com,
            person=person,
            data={"kind": "organisational", "description": description},
        )
    keys = [flag.key for flag in flags.flags_for([person.pk])[person.pk]]
    assert keys.count("open-barrier") == 1
