"""The release services: readiness blocked by unmet criteria (and withdrawn when one is found
unmet later), the checklist, the handover and the move of ownership, the release and the
stage; bad input refused with clear errors; every change audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.people.models import Person
from throughcare.planning import ownership
from throughcare.planning import services as planning_services
from throughcare.planning.release import queries, services
from throughcare.planning.release.models import Readiness, Release
from throughcare.planning.tests.helpers import locked_assessment, option

from . import helpers

pytestmark = pytest.mark.django_db


def _events(record_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(record_type=record_type).order_by("id"))


def test_unmet_criteria_block_readiness_and_meeting_them_unblocks_it(
    com: User, pom: User, person: Person
) -> None:
    locked_assessment(com, person)  # low risk of serious harm: no countersigned plan needed
    with pytest.raises(Invalid) as refused:
        services.mark_ready(user=pom, person=person)
    assert refused.value.fields == {
        "criteria": [
            "Somewhere to live confirmed for the night of release: No accommodation option "
            "chosen yet (release date 24 December 2026)"
        ]
    }
    assert not Readiness.objects.exists()

    chosen = option(com, person)
    planning_services.choose(user=com, option=chosen, reasoning="Stable, close to work")
    ready = services.mark_ready(user=pom, person=person)
    assert ready.ready_on == clock.today() and ready.ready_by == pom
    view = queries.readiness_for(person, may_see_victims=True)
    assert view.ready_on == clock.today() and view.all_met
    assert [e.operation for e in _events(RecordType.RELEASE_READINESS)] == ["collection"]


def test_every_unmet_criterion_is_listed_with_its_evidence(pom: User, person: Person) -> None:
    with pytest.raises(Invalid) as refused:
        services.mark_ready(user=pom, person=person)
    assert refused.value.fields["criteria"] == [
        "Somewhere to live confirmed for the night of release: No accommodation option "
        "chosen yet (release date 24 December 2026)",
        "Risk management plan countersigned when risk of serious harm is high: Risk of serious "
        "harm not assessed yet",
    ]


def test_readiness_is_withdrawn_when_a_criterion_is_no_longer_met(
    com: User, pom: User, person: Person
) -> None:
    locked_assessment(com, person)
    chosen = option(com, person)
    planning_services.choose(user=com, option=chosen, reasoning="Stable")
    services.mark_ready(user=pom, person=person)
    clock.advance(timedelta(days=3))
    planning_services.reject(user=com, option=chosen, reasoning="His mother withdrew her offer")

    shown = queries.readiness_for(person, may_see_victims=True)
    assert shown.ready_on is None and shown.was_ready_on == clock.today() - timedelta(days=3)
    assert [c.title for c in shown.unmet] == [
        "Somewhere to live confirmed for the night of release"
    ]
    withdrawn = services.review(user=pom, person=person)
    assert withdrawn is not None and withdrawn.withdrawn_on == clock.today()
    assert withdrawn.withdrawn_because[0].startswith("Somewhere to live confirmed")
    assert sorted(_events(RecordType.RELEASE_READINESS)[-1].fields) == [
        "withdrawn_because",
        "withdrawn_on",
    ]
    # Asking to mark ready again withdraws and refuses in the same way.
    with pytest.raises(Invalid):
        services.mark_ready(user=pom, person=person)


def test_only_the_plans_owner_marks_ready(com: User, pom: User, person: Person) -> None:
    with pytest.raises(Refused):
        services.mark_ready(user=com, person=person)


def test_ownership_moves_to_the_com_when_they_accept_the_handover(
    com: User, pom: User, person: Person
) -> None:
    helpers.handover(pom, person)
    assert ownership.may_change_plans(pom, person) and not ownership.may_change_plans(com, person)
    helpers.checklist(pom, person)  # the POM owns the plan until acceptance
    with pytest.raises(Refused):
        services.accept_handover(user=pom, person=person)
    accepted = services.accept_handover(user=com, person=person)
    assert accepted.accepted_at == clock.now() and accepted.accepted_by == com
    assert ownership.may_change_plans(com, person) and not ownership.may_change_plans(pom, person)
    with pytest.raises(Refused):
        helpers.checklist(pom, person, version=1)
    helpers.checklist(com, person, version=1, bank_status="not yet")
    # An accepted handover no longer changes.
    with pytest.raises(Invalid, match="already accepted"):
        helpers.handover(pom, person)
    assert [e.operation for e in _events(RecordType.HANDOVER)] == ["collection", "alteration"]


def test_the_handover_needs_its_date_and_why_no_meeting_was_held(
    pom: User, com: User, person: Person
) -> None:
    with pytest.raises(Invalid) as refused:
        helpers.handover(
            pom,
            person,
            handed_over_on=clock.today() + timedelta(days=1),
            meeting_held="no",
            meeting_not_held_because="  ",
        )
    assert refused.value.fields == {
        "handed_over_on": ["The date of the handover must be today or in the past"],
        "meeting_not_held_because": ["Enter why no meeting was held"],
    }
    with pytest.raises(Refused):
        helpers.handover(com, person)  # the POM's task
    made = helpers.handover(pom, person, meeting_held="no", meeting_not_held_because="COM ill")
    assert made.meeting_on is None and made.meeting_not_held_because == "COM ill"
    # Due 4 months 15 days before the CRD (24 December 2026): already past.
    assert made.due_on == clock.today().replace(month=8, day=9)


def test_the_checklist_refuses_a_stale_save_and_bad_answers(pom: User, person: Person) -> None:
    helpers.checklist(pom, person)
    with pytest.raises(Stale):
        helpers.checklist(pom, person, version=0, bank_status="not yet")
    with pytest.raises(Invalid) as refused:
        helpers.checklist(
            pom,
            person,
            version=1,
            bank_status="maybe",
            appointment_who="named",
            appointment_when="set",
            id_documents=["library card"],
        )
    assert refused.value.fields == {
        "bank_status": ["Select whether bank account is in place"],
        "id_documents": ["Select the ID documents from the list"],
        "appointment_name": ["Enter the name of the person they will see"],
        "appointment_on": ["Enter the date of the first appointment"],
        "appointment_time": ["Enter the time of the first appointment"],
    }


def test_day_of_release_for_says_the_checklist_in_words(pom: User, person: Person) -> None:
    assert queries.day_of_release_for(person) is None
    helpers.checklist(
        pom,
        person,
        bank_status="not yet",
        bank_details="Appointment with the bank booked",
        gp_status="not needed",
        appointment_who="named",
        appointment_name="Sam Duty",
        appointment_when="set",
        appointment_on=clock.today() + timedelta(days=30),
        appointment_time=helpers.SET_AT,
    )
    view = queries.day_of_release_for(person)
    assert view is not None
    bank = next(n for n in view.needs if n.key == "bank")
    assert (bank.status, bank.in_place, bank.details) == (
        "Not yet",
        False,
        "Appointment with the bank booked",
    )
    assert next(n for n in view.needs if n.key == "gp").in_place
    assert view.id_documents == ["Passport"]
    assert (view.appointment_who, view.appointment_when) == (
        "Sam Duty",
        "24 December 2026 at 2:30pm",
    )
    assert view.missing == ["Bank account"]
    assert [e.operation for e in _events(RecordType.DAY_OF_RELEASE)] == ["collection"]


def test_a_release_before_the_sentence_date_or_in_the_future_is_refused(
    com: User, person: Person
) -> None:
    sentenced = clock.today() - timedelta(days=400)
    with pytest.raises(Invalid) as refused:
        helpers.release(com, person, released_on=sentenced - timedelta(days=1))
    assert refused.value.fields == {
        "released_on": [
            "The date of release must be on or after the sentence date, 20 October 2025"
        ]
    }
    with pytest.raises(Invalid, match="today or in the past"):
        helpers.release(com, person, released_on=clock.today() + timedelta(days=1))
    with pytest.raises(Invalid) as refused:
        helpers.release(com, person, slept="", appointment_kept="maybe")
    assert set(refused.value.fields) == {"slept", "appointment_kept"}
    assert not Release.objects.exists() and queries.stage(person) == "In custody"


def test_recording_the_release_moves_them_on_licence_and_keeps_the_checklist(
    com: User, pom: User, person: Person
) -> None:
    helpers.checklist(pom, person, accommodation_status="not yet", accommodation_details="CAS3")
    with pytest.raises(Refused):
        helpers.release(pom, person)  # the COM's task
    assert person.prison_id is not None
    released = helpers.release(com, person, slept="temporary")
    assert queries.stage(person) == "On licence"
    # No longer held at the prison: the caseload says "Released" once the date has passed.
    person.refresh_from_db()
    assert person.prison_id is None
    assert AuditEvent.objects.filter(
        record_type=RecordType.PERSON, record_id=str(person.pk), reason="Released from custody"
    ).exists()
    assert released.accommodation_status == "not yet"
    assert released.checklist["accommodation_details"] == "CAS3"
    assert released.checklist["appointment_when"] == "next working day"
    # Changing the checklist afterwards leaves the copy as it was at release.
    helpers.checklist(pom, person, version=1, accommodation_status="in place")
    released.refresh_from_db()
    assert released.accommodation_status == "not yet"
    with pytest.raises(Stale):
        helpers.release(com, person, appointment_kept="no")  # from a copy without the release
    fixed = services.record_release(
        user=com,
        person=person,
        data={
            "released_on": clock.today(),
            "slept": "temporary",
            "slept_details": "",
            "appointment_kept": "no",
        },
        expected_version=1,
    )
    assert fixed.appointment_kept == "no" and fixed.accommodation_status == "not yet"
    assert [e.operation for e in _events(RecordType.RELEASE)] == ["collection", "alteration"]
