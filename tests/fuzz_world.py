"""The fuzz test's world (`tests/test_form_fuzz.py`): one person with a record in every part a
form changes (a sentence and its main offence, a case note, a sharing agreement, an interview,
an information request, an urgent concern, advice asked, a signed document waiting for its
countersignature, an assessment whose every section is answered), and a user of every kind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import (
    fuzz_partners,
    fuzz_planning,
    fuzz_release,
    fuzz_resettlement,
    fuzz_riskplan,
    fuzz_running,
)
from throughcare.access import services as access_services
from throughcare.access.accounts import invitations
from throughcare.access.commands import ShareRequest
from throughcare.access.models import (
    AccessExclusion,
    AccessRestriction,
    BreakGlassAccess,
    Organisation,
    Role,
    SharingAgreement,
    User,
)
from throughcare.access.policy import Access, Relation, relation
from throughcare.assessment import examples
from throughcare.assessment import services as assessment_services
from throughcare.assessment.draft import AssessmentDraft
from throughcare.assessment.models import Assessment
from throughcare.casework import services as casework
from throughcare.casework.advice import services as advice_services
from throughcare.casework.concerns import services as concern_services
from throughcare.casework.models import (
    Advice,
    AdviceRequest,
    Amendment,
    CaseNote,
    ConcernAction,
    InformationReply,
    InformationRequest,
    Interview,
    InterviewAnswer,
    InterviewSection,
    UrgentConcern,
)
from throughcare.casework.requests import services as requests
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.demo import interviews as demo_interviews
from throughcare.imports.models import ImportJob
from throughcare.people import services as people_services
from throughcare.people.commands import NewOffence, NewPerson, NewSentence
from throughcare.people.models import Alias, Offence, Person, Sentence, Victim
from throughcare.records import services as records
from throughcare.records.models import Comment, Document, Version
from throughcare.records.tests import sample_kind
from throughcare.rules.times import LONDON

CASE_MODELS = (
    Person,
    Alias,
    Sentence,
    Offence,
    Victim,
    CaseNote,
    Amendment,
    Interview,
    InterviewSection,
    InterviewAnswer,
    UrgentConcern,
    ConcernAction,
    AdviceRequest,
    Advice,
    AccessExclusion,
    AccessRestriction,
    SharingAgreement,
    BreakGlassAccess,
    InformationRequest,
    InformationReply,
    Document,
    Version,
    Comment,
    Assessment,
    *fuzz_planning.MODELS,
    *fuzz_release.MODELS,
    *fuzz_riskplan.MODELS,
    *fuzz_partners.MODELS,
    *fuzz_resettlement.MODELS,
    *fuzz_running.MODELS,
)


def _assessment(com: User, person: Person, sentence: Sentence) -> Version:
    """A draft assessment with every section answered (so that it can be submitted from check
    your answers), the main offence giving OGRS3 its category."""
    people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence(
            description="Assault occasioning actual bodily harm",
            conviction_date=clock.today() - timedelta(days=320),
            ogrs3_category="Violence",
            is_main=True,
        ),
    )
    version = assessment_services.start(com, person)
    draft = AssessmentDraft(Access(com, person, Relation.ALLOCATED), version)
    examples.fill_all(com, draft, examples.answers("high", person=person))
    return version


def build(
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    com: User,
    pom: User,
    client_for: Callable[[User], Client],
) -> dict[str, Any]:
    """One person with a record in every part the forms change, and a user of every kind."""
    today = clock.today()
    person = people_services.create_person(
        user=com,
        details=NewPerson(
            given_name="Fuzz",
            family_name="Subject",
            date_of_birth=date(1990, 1, 1),
            sex="male",
            prison=organisations["prison"],
            prison_number="A1234BC",
            pom=pom,
            com=com,
        ),
    )
    sentence = people_services.add_sentence(
        user=com,
        person=person,
        sentence=NewSentence.from_cleaned(
            {
                "sentence_type": "sds",
                "sentence_date": today - timedelta(days=300),
                "crd": today + timedelta(days=30),
                "sed": today + timedelta(days=400),
            }
        ),
    )
    note = casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": today, "text": "First contact"}
        ),
    )
    agreement = access_services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing",
            sections=("identity",),
            start_date=today,
            end_date=today + timedelta(days=60),
        ),
    )
    interview = demo_interviews.complete(Access(com, person, Relation.ALLOCATED))
    users = {
        "com": com,
        "pom": pom,
        "partner": make_user(Role.PARTNER, "partner"),
        "spo": make_user(Role.SPO, "team"),
        "colleague": make_user(Role.COM, "team"),
        "other": make_user(Role.COM, "other_team"),
        "admin": make_user(Role.ADMIN, None),
        "password only": make_user(Role.COM, "team"),
        "invited": make_user(Role.COM, "team"),
    }
    users["recipient"] = make_user(Role.COM, "other_team")
    info_request = requests.send_request(
        user=com,
        access=Access(com, person, relation(com, person)),
        new=requests.NewRequest(
            recipient_kind="colleague",
            colleague=users["recipient"],
            purpose="Planning release",
            topics=("behaviour", "risks"),
            further_questions="Any visits?",
            due_on=today + timedelta(days=7),
        ),
    )
    # An open urgent concern with one action (so that it can be resolved), and advice asked of
    # the team's SPO.
    now = clock.now().astimezone(LONDON)
    concern = concern_services.record_concern(
        user=com,
        person=person,
        concern=concern_services.NewConcern(
            concern_type="harm to staff",
            account="Threatened the officer at the gate",
            occurred_on=now.date(),
            occurred_time=now.time().replace(second=0, microsecond=0),
            source_kind="prison",
        ),
    )
    concern_services.add_action(
        user=com,
        concern=concern,
        action=concern_services.NewAction(
            kind="manager told",
            taken_on=now.date(),
            taken_time=now.time().replace(second=0, microsecond=0),
        ),
    )
    asked = advice_services.ask(
        user=com,
        person=person,
        request=advice_services.NewAdviceRequest("psychology", "Any pattern?", users["spo"]),
    )
    # A version of a signed document waiting for the team's SPO to countersign it.
    signed = records.start(com, person, sample_kind.KEY)
    records.save_section(com, signed, "about", {"summary": "Settled"}, expected=0, complete=True)
    records.submit(com, signed, countersignature_reason="The level is high")
    assessment = _assessment(com, person, sentence)
    TOTPDevice.objects.create(user=users["password only"], name="App", confirmed=True)
    invitations.new_recovery_codes(users["password only"])
    return {
        **fuzz_planning.plant(com, person, users["spo"], provider=organisations["partner"]),
        **fuzz_release.plant(pom, person),
        **fuzz_riskplan.plant(pom, person),
        **fuzz_partners.plant(com, person, organisations["partner"], users["partner"]),
        **fuzz_resettlement.plant(pom, person),
        **fuzz_running.plant(com, person),
        "import_job": ImportJob.objects.create(
            created_by=users["admin"], filename="people.csv", file_format="csv"
        ),
        "invitation_token": invitations.send(user=users["invited"], by=users["admin"]),
        "person": person,
        "sentence": sentence,
        "note": note,
        "agreement": agreement,
        "interview": interview,
        "request": info_request,
        "concern": concern,
        "advice": asked,
        "partner": organisations["partner"],
        "assessment": assessment,
        "users": users,
        "client_for": client_for,
    }
