"""The assessment's lifecycle through its services: sufficiency at submission (P17), the
countersigning rule applied, locking, returning and resubmitting, reassessing, and the summary
the caseload reads."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from throughcare.access.models import Role, User
from throughcare.assessment import services
from throughcare.assessment.models import Assessment
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications.models import Notification
from throughcare.people.models import Person
from throughcare.records import services as records
from throughcare.records.lifecycle import State

from .helpers import filled, refill, with_offence

pytestmark = pytest.mark.django_db

PO = "probation officer"
PSO = "probation services officer"


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user(Role.COM, "team", grade=PO)


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


@pytest.fixture
def case(make_person: Callable[..., Person], officer: User) -> Person:
    return with_offence(make_person(release_in_days=30, com=officer), officer)


def test_a_missing_source_needs_a_reason_before_it_can_be_submitted(
    officer: User, case: Person
) -> None:
    draft = filled(
        officer, case, "low", sources={"partner_or_ex_partner": "yes", "why_go_ahead": ""}
    )
    with pytest.raises(Invalid) as refused:
        services.submit(officer, draft.version)
    message = str(refused.value.fields["sources"])
    assert "police domestic abuse" in message and "interview" in message
    draft.version.refresh_from_db()
    assert draft.version.state == State.DRAFT
    refill(
        officer,
        draft,
        "sources",
        {"partner_or_ex_partner": "yes", "why_go_ahead": "Police asked; due Friday"},
    )
    submitted = services.submit(officer, draft.version)
    assert "police domestic abuse: missing" in submitted.submitted_note
    assert "Police asked; due Friday" in submitted.submitted_note


def test_low_risk_by_a_probation_officer_locks_on_submission_and_becomes_current(
    officer: User, case: Person
) -> None:
    draft = filled(officer, case, "low")
    version = services.submit(officer, draft.version)
    assert version.state == State.LOCKED and version.countersignature_reason == ""
    summary = Assessment.objects.get(person=case)
    assert summary.current == version and summary.open is None
    assert summary.rosh_level == "low" and summary.rosh_rank == 1
    assert summary.ogrs3_band in ("Low", "Medium", "High", "Very high")
    assert summary.ogrs3_two_year == pytest.approx(version.content["computed"]["ogrs3_two_year"])


@pytest.mark.parametrize(
    ("grade", "level", "needed"),
    [
        (PO, "high", "The overall risk of serious harm is high"),
        (PO, "very high", "The overall risk of serious harm is very high"),
        (PSO, "medium", "medium"),
        (PO, "medium", ""),
    ],
)
def test_the_countersigning_rule_is_applied_from_the_level_and_the_authors_grade(
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    spo: User,
    grade: str,
    level: str,
    needed: str,
) -> None:
    author = make_user(Role.COM, "team", grade=grade)
    person = with_offence(make_person(release_in_days=30, com=author), author)
    version = services.submit(author, filled(author, person, level).version)
    if needed:
        assert version.state == State.SUBMITTED
        assert needed in version.countersignature_reason
        told = Notification.objects.get(recipient=spo, kind=Notification.Kind.COUNTERSIGNATURE)
        assert told.person_id == person.pk
    else:
        assert version.state == State.LOCKED
        assert not Notification.objects.filter(kind=Notification.Kind.COUNTERSIGNATURE).exists()


def test_returned_changed_resubmitted_and_countersigned(
    officer: User, spo: User, case: Person
) -> None:
    draft = filled(officer, case, "high")
    version = services.submit(officer, draft.version)
    records.return_for_changes(spo, version, "Say more about the risk to staff.")
    draft.version.refresh_from_db()
    assert draft.version.state == State.RETURNED
    assert Assessment.objects.get(person=case).current is None
    refill(officer, draft, "rosh", {"staff_community": "medium"})
    resubmitted = services.submit(officer, draft.version)
    assert resubmitted.state == State.SUBMITTED
    with pytest.raises(Refused):
        records.countersign(officer, resubmitted)  # never by the author
    locked = records.countersign(spo, resubmitted)
    assert locked.state == State.LOCKED and locked.countersigned_by == spo
    summary = Assessment.objects.get(person=case)
    assert summary.current == locked and summary.rosh_level == "high"
    assert AuditEvent.objects.filter(
        record_type=RecordType.ASSESSMENT, record_id=str(summary.pk)
    ).exists()


def test_a_locked_assessment_cannot_be_changed_by_the_service(officer: User, case: Person) -> None:
    draft = filled(officer, case, "low")
    services.submit(officer, draft.version)
    draft.version.refresh_from_db()
    with pytest.raises(Refused):
        refill(officer, draft, "rosh", {"public_community": "very high"})
    draft.version.refresh_from_db()
    assert draft.version.content["rosh"]["public_community"] == "low"
    with pytest.raises((Refused, Invalid)):
        services.submit(officer, draft.version)


def test_reassess_starts_a_draft_filled_from_the_current_version(
    officer: User, case: Person
) -> None:
    first = services.submit(officer, filled(officer, case, "low").version)
    second = services.reassess(officer, case)
    assert second.number == 2 and second.previous == first and second.state == State.DRAFT
    assert second.content["rosh"] == first.content["rosh"]
    assert Assessment.objects.get(person=case).open == second
    with pytest.raises(Refused):
        services.reassess(officer, case)  # one open version at a time
    with pytest.raises(Refused):
        services.start(officer, case)  # one assessment a person: reassess it


def test_what_the_score_rests_on_is_stored_with_the_version(officer: User, case: Person) -> None:
    version = services.submit(officer, filled(officer, case, "low").version)
    stored = version.content["computed"]
    inputs = stored["ogrs3"]
    assert inputs["instrument"] and inputs["version"]
    assert inputs["offence_category"] == "Violence"
    terms = stored["ogrs3_terms"]
    assert [term[0] for term in terms] and len(terms) == 4
    assert stored["rosh_overall"] == "low"
    assert stored["assessed_on"] == "2026-11-24"
