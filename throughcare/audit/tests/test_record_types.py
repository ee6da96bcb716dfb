"""The audit log's record types are a closed set (RecordType); old spellings still load and
verify; `record_for` takes what an event is about from the record itself."""

import pytest
from django.apps import apps
from django.db import models

from throughcare.access.models import User
from throughcare.audit import services
from throughcare.audit.models import LEGACY, AuditEvent, Operation, RecordType
from throughcare.audit.records import record_for
from throughcare.audit.verify import verify_chain
from throughcare.casework.models import CaseNote
from throughcare.core import clock
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_an_event_of_a_type_outside_the_set_is_refused_and_not_written(com: User) -> None:
    with pytest.raises(ValueError):
        services.record(user=com, operation=Operation.CONSULTATION, record_type="case notez")
    with pytest.raises(ValueError):
        services.record_many(
            user=com,
            operation=Operation.CONSULTATION,
            record_type="caseloads",
            records=[(None, "a")],
        )
    assert not AuditEvent.objects.exists()


def test_a_legacy_spelling_is_refused_for_new_events(com: User) -> None:
    with pytest.raises(ValueError, match="case note"):
        services.record(user=com, operation=Operation.CONSULTATION, record_type="case notes")
    assert not AuditEvent.objects.exists()


def test_an_event_written_under_a_legacy_spelling_still_loads_and_verifies(com: User) -> None:
    # Written as the case notes page wrote it before the spellings were unified (in the chain's
    # present form: the first event of shard 0).
    old = services._event(
        user=com,
        occurred_at=clock.now(),
        previous_hash=services.GENESIS_HASH,
        shard=0,
        sequence=1,
        operation=Operation.CONSULTATION,
        record_type="case notes",
        record_id="",
        person_id=None,
    )
    models.Model.save(old, force_insert=True)
    services.record(user=com, operation=Operation.CONSULTATION, record_type=RecordType.CASE_NOTE)
    stored = AuditEvent.objects.order_by("id")
    assert [e.record_type for e in stored] == ["case notes", "case note"]
    assert stored[0].get_record_type_display() == "Case notes (legacy: now case note)"
    assert verify_chain() == (2, None)


def test_the_field_offers_every_type_and_each_legacy_spelling_names_its_successor() -> None:
    assert AuditEvent._meta.get_field("record_type").choices == RecordType.choices
    assert all(new not in LEGACY for new in LEGACY.values())


def test_every_audited_model_names_a_current_record_type() -> None:
    audited = {
        model._meta.label: model.audit_record_type
        for model in apps.get_models()
        if hasattr(model, "audit_record_type")
    }
    assert audited == {
        "people.Person": RecordType.PERSON,
        "people.Alias": RecordType.ALIAS,
        "people.Sentence": RecordType.SENTENCE,
        "people.Offence": RecordType.OFFENCE,
        "people.Victim": RecordType.VICTIM,
        "casework.CaseNote": RecordType.CASE_NOTE,
        "casework.Amendment": RecordType.AMENDMENT,
        "casework.UrgentConcern": RecordType.URGENT_CONCERN,
        "casework.AdviceRequest": RecordType.ADVICE_REQUEST,
        "casework.Interview": RecordType.INTERVIEW,
        "casework.InterviewSection": RecordType.INTERVIEW_SECTION,
        "casework.InterviewAnswer": RecordType.INTERVIEW_ANSWER,
        "casework.InformationRequest": RecordType.INFORMATION_REQUEST,
        "casework.InformationReply": RecordType.INFORMATION_REPLY,
        "notifications.Notification": RecordType.NOTIFICATION,
        "records.Document": RecordType.SIGNED_DOCUMENT,
        "records.Version": RecordType.SIGNED_DOCUMENT_VERSION,
        "records.Comment": RecordType.SIGNED_DOCUMENT_COMMENT,
        "assessment.Assessment": RecordType.ASSESSMENT,
        "access.AccessExclusion": RecordType.ACCESS_EXCLUSION,
        "access.AccessRestriction": RecordType.ACCESS_RESTRICTION,
        "access.BreakGlassAccess": RecordType.BREAK_GLASS_ACCESS,
        "access.SharingAgreement": RecordType.SHARING_AGREEMENT,
        "api.ApiToken": RecordType.API_TOKEN,
        # Release planning (issue 11).
        "planning.Option": RecordType.RELEASE_OPTION,
        "planning.Evaluation": RecordType.OPTION_EVALUATION,
        "planning.Barrier": RecordType.BARRIER,
        "planning.Restriction": RecordType.PLANNING_RESTRICTION,
        "planning.LiaisonConsultation": RecordType.LIAISON_CONSULTATION,
        "partners.Referral": RecordType.REFERRAL,
        # The resettlement plan (issue 12 point 1).
        "resettlement.Goal": RecordType.PLAN_GOAL,
        "resettlement.Step": RecordType.PLAN_STEP,
        "resettlement.StepProgress": RecordType.STEP_PROGRESS,
        # Running the plan (issue 12 point 7).
        "running.Review": RecordType.PLAN_REVIEW,
        "running.Setback": RecordType.SETBACK,
        "running.Escalation": RecordType.ESCALATION,
        "running.EnforcementRecommendation": RecordType.ENFORCEMENT,
        # Ready for release, the day of release, the handover and the release (issue 12).
        "release.Readiness": RecordType.RELEASE_READINESS,
        "release.DayOfRelease": RecordType.DAY_OF_RELEASE,
        "release.Handover": RecordType.HANDOVER,
        "release.Release": RecordType.RELEASE,
        "release.Outcome": RecordType.RELEASE_OUTCOME,
        # The risk management plan (issue 12).
        "riskplan.RiskAction": RecordType.RISK_ACTION,
        "riskplan.LicenceCondition": RecordType.LICENCE_CONDITION,
    }


def test_record_for_takes_the_type_id_person_and_version_from_the_record(
    com: User, person: Person
) -> None:
    note = CaseNote.objects.create(
        person=person,
        note_type="contact",
        occurred_on=clock.today(),
        text="Met at the office",
        author=com,
        created_by=com,
        version=3,
    )
    event = record_for(note, user=com, operation=Operation.ALTERATION, fields=["text"])
    assert (event.record_type, event.record_id, event.person_id, event.record_version) == (
        "case note",
        str(note.pk),
        person.pk,
        3,
    )
    assert event.fields == ["text"] and event.user == com

    event = record_for(person, user=com, operation=Operation.CONSULTATION, reason="Checking")
    assert (event.record_type, event.record_id, event.person_id, event.record_version) == (
        "person",
        str(person.pk),
        person.pk,
        person.version,
    )
    assert event.reason == "Checking"
