"""The documents made from the plan (issue 12 point 8): the pre-release report, the risk
management plan, the person's own plan and the licence conditions, each a PDF rendered by
WeasyPrint from the record, read back with poppler (`pdftotext`, `pdftoppm`); the person's copy
holds nothing it must not, whatever the record holds; who may have them; each download audited
as a disclosure."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from conftest import share
from throughcare.access import policy
from throughcare.access.models import Organisation, Role, SharingAgreement, User
from throughcare.assessment.models import Assessment
from throughcare.audit.bulk import audited_update
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.documents import pdf, queries
from throughcare.documents.person_copy import person_copy
from throughcare.people import services as people_services
from throughcare.people.commands import NewVictim
from throughcare.people.models import Person
from throughcare.planning import services as planning_services
from throughcare.planning.release.tests import helpers as release_helpers
from throughcare.planning.resettlement.tests import helpers as plan_helpers
from throughcare.planning.riskplan import facts as riskplan_facts
from throughcare.planning.riskplan import services as riskplan_services
from throughcare.planning.riskplan.tests.helpers import (
    PASSPORT,
    VICTIM_CONTACT,
    action,
    assessed,
    condition,
)
from throughcare.planning.running.services import escalations, reviews, setbacks
from throughcare.planning.tests.helpers import option

pytestmark = pytest.mark.django_db

Clients = Callable[[User], Client]

# Marked values planted in the record: what the person's copy must never hold.
VICTIM_NAME = "Quentina Victimsworth"
VICTIM_POSTCODE = "NB1 4XY"
SIGNIFICANT_OTHER = "Ozymandias Householdson"
SENSITIVE_NOTE = "Sensitivenotemarker about his health"
ASSESSMENT_TEXT = "Assessmentmarker drinking after rows"
VICTIM_SAFETY = "Victimsafetymarker alarm fitted at her home"
SUPERVISION = "Supervisionmarker weekly appointments"
JUSTIFICATION = "Justificationmarker he has links abroad"
CHECKLIST_DETAILS = "Checklistmarker his cousin will collect him"
ESCALATION = "Escalationmarker drinking again"
SETBACK = "Setbackmarker missed a drug test"
# What the person's copy holds.
GOAL = "Have somewhere settled to live"
STEP = "Apply for CAS3 temporary accommodation"
WORK_GOAL = "Find work in a warehouse"
PARTNER_STEP = "Go to the jobs club interview"
AGENCY = "Test Housing"

FORBIDDEN_IN_PERSON_COPY = (
    VICTIM_NAME,
    VICTIM_POSTCODE,
    SIGNIFICANT_OTHER,
    SENSITIVE_NOTE,
    ASSESSMENT_TEXT,
    VICTIM_SAFETY,
    SUPERVISION,
    JUSTIFICATION,
    CHECKLIST_DETAILS,
    ESCALATION,
    SETBACK,
    "OGRS",
    "serious harm",
    "RoSH",
    "51%",
    "0.512",
)
# Risk levels as words: never in the person's copy (whole words, as written on the pages).
LEVELS = re.compile(r"\b(Low|Medium|High|Very high)\b")


def flat(text: str) -> str:
    """Without any white space: a value WeasyPrint wrapped over two lines reads whole."""
    return "".join(text.split())


def pdf_text(content: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def first_page_png(content: bytes, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    prefix = tmp_path / f"{name}-page"
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(prefix)],  # noqa: S607
        check=True,
        capture_output=True,
    )
    (png,) = tmp_path.glob(f"{name}-page*.png")
    return png


@pytest.fixture
def planted(
    pom: User, com: User, person: Person, organisations: dict[str, Organisation]
) -> dict[str, Any]:
    """A person whose record holds everything: a victim, someone in the household, a sensitive
    note, an assessment with levels and OGRS3, a risk management plan with victim safety
    planning, a non-contact condition naming the victim, a plan across two pathways, the
    day-of-release checklist, the handover, a review, a setback and an escalation."""
    today = clock.today()
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned(
            {"name": VICTIM_NAME, "relationship": "Former partner", "postcode": VICTIM_POSTCODE}
        ),
    )
    casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {
                "note_type": "contact",
                "occurred_on": today,
                "text": SENSITIVE_NOTE,
                "sensitive": True,
            }
        ),
    )
    home = option(pom, person, household=f"{SIGNIFICANT_OTHER}, his partner")
    home = planning_services.choose(user=pom, option=home, reasoning="Stable home")
    assessed(
        pom, person, level="high", rosh={"public_community": "high", "increases": ASSESSMENT_TEXT}
    )
    audited_update(
        Assessment.objects.filter(person=person),
        user=pom,
        record_type=RecordType.ASSESSMENT,
        ogrs3_band="High",
        ogrs3_two_year=0.5123,
    )
    factors = [f.key for f in riskplan_facts.risk_factors(person)]
    supervision = action(pom, person, action=SUPERVISION, factors=factors[:1])
    action(
        pom, person, heading="victim safety planning", action=VICTIM_SAFETY, factors=factors[1:2]
    )
    condition(pom, person, PASSPORT, risk_action=supervision, justification=JUSTIFICATION)
    condition(
        pom,
        person,
        VICTIM_CONTACT,
        blank_0=VICTIM_NAME,
        blank_1="Northbridge children's services",
        risk_action=supervision,
        justification=JUSTIFICATION,
    )
    riskplan_services.save_key_information(
        user=pom, person=person, situation="Living at home", considerations="", expected=0
    )
    housing = plan_helpers.goal(pom, person, title=GOAL, option=home)
    plan_helpers.step(pom, housing, description=STEP)
    work = plan_helpers.goal(
        pom, person, pathway="education_work", area_of_need="education", title=WORK_GOAL
    )
    plan_helpers.step(
        pom,
        work,
        description=PARTNER_STEP,
        owner="partner",
        organisation=organisations["partner"],
    )
    plan_helpers.agreed(pom, person)
    release_helpers.checklist(
        pom,
        person,
        accommodation_details=CHECKLIST_DETAILS,
        bank_status="not yet",
        appointment_when="set",
        appointment_on=today + timedelta(days=31),
        appointment_time=time(14, 30),
    )
    release_helpers.handover(pom, person)
    reviews.schedule_review(
        user=com, person=person, due_on=today + timedelta(days=20), reason="scheduled"
    )
    setbacks.record_setback(
        user=com,
        person=person,
        data={
            "occurred_on": today,
            "kind": "lapse",
            "what_happened": SETBACK,
            "response": "Talked it through",
        },
    )
    escalations.raise_escalation(user=com, person=person, reason=ESCALATION)
    return {"person": person}


def _get(client: Client, name: str, person: Person) -> Any:
    return client.get(reverse(f"documents:{name}", args=[person.pk]))


def _download(
    client_for: Clients, user: User, name: str, person: Person, tmp_path: Path
) -> tuple[str, Path]:
    response = _get(client_for(user), name, person)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert person.crn in response["Content-Disposition"]
    assert person.family_name not in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"%PDF")
    png = first_page_png(content, tmp_path, name)
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 2000
    return pdf_text(content, tmp_path, name), png


def test_the_pre_release_report_holds_the_plan(
    planted: dict[str, Any], com: User, client_for: Clients, tmp_path: Path
) -> None:
    person = planted["person"]
    text, _ = _download(client_for, com, "pre-release-report", person, tmp_path)
    found = flat(text)
    for fact in (
        person.full_name,
        person.crn,
        "In custody",
        "Overall risk of serious harm: High",
        "High, 51% in two years",
        "His mother's flat",
        GOAL,
        STEP,
        PARTNER_STEP,
        AGENCY,
        SUPERVISION,
        VICTIM_SAFETY,
        "To surrender your passport",
        "Not marked ready for release",
        "Bank account",
        CHECKLIST_DETAILS,
        "Their community offender manager",
        "at 2:30pm",
        "Handed over",
        "Scheduled review",
        ESCALATION,
        SETBACK,
    ):
        assert flat(fact) in found, fact


def test_the_risk_management_plan_holds_actions_conditions_and_signatures(
    planted: dict[str, Any], pom: User, com: User, client_for: Clients, tmp_path: Path
) -> None:
    person = planted["person"]
    text, _ = _download(client_for, com, "risk-management-plan", person, tmp_path)
    found = flat(text)
    for fact in (
        "Supervision",
        SUPERVISION,
        "Victim safety planning",
        VICTIM_SAFETY,
        "Risk factors no action manages",
        "To surrender your passport",
        f'the action "{SUPERVISION}"',
        JUSTIFICATION,
        VICTIM_NAME,  # the non-contact condition names her: the staff see it
        f"Written by {pom.full_name}",
        "Version 1: Draft",
    ):
        assert flat(fact) in found, fact


def test_the_licence_shows_the_conditions_as_the_person_will_see_them(
    planted: dict[str, Any], com: User, client_for: Clients, tmp_path: Path
) -> None:
    person = planted["person"]
    text, _ = _download(client_for, com, "licence", person, tmp_path)
    found = flat(text)
    sentence = person.sentences.get()
    for fact in (
        person.full_name,
        "Behave well in a way that supports the purpose of you being on licence",
        "To surrender your passport",
        f"Not to seek to approach or communicate with {VICTIM_NAME}",
        f"Release date {person.release_date:%-d %B %Y}",
        f"Licence ends {sentence.sed:%-d %B %Y}",
        com.full_name,
    ):
        assert flat(fact) in found, fact
    for staff_only in (JUSTIFICATION, SUPERVISION, "OGRS", "serious harm"):
        assert flat(staff_only) not in found


def test_the_persons_copy_is_plain_and_theirs_first(
    planted: dict[str, Any], pom: User, com: User, client_for: Clients, tmp_path: Path
) -> None:
    person = planted["person"]
    text, _ = _download(client_for, com, "your-plan", person, tmp_path)
    found = flat(text)
    for fact in (
        f"{person.given_name} {person.family_name}, this is your plan",
        f"You will see your community offender manager, {com.full_name}",
        "at 2:30pm",
        GOAL,
        STEP,
        "Who: Your prison offender manager",
        PARTNER_STEP,
        f"Who: {AGENCY}",
        "What you need on the day you leave",
        "A bank account",
        "Not sorted yet",
        "Behave well in a way that supports the purpose of you being on licence",
        "To surrender your passport",
        "Not to seek to approach or communicate with (as named on your licence)",
        pom.full_name,
        "You agreed to this plan",
    ):
        assert flat(fact) in found, fact
    # Their goals, steps and first appointment come before the licence conditions.
    assert found.index(flat("Your first appointment")) < found.index(flat(GOAL))
    assert found.index(flat(STEP)) < found.index(flat("Your licence conditions"))


def test_once_released_the_persons_copy_says_when_they_left(
    planted: dict[str, Any], com: User, client_for: Clients, tmp_path: Path
) -> None:
    from throughcare.planning.release.tests import helpers as release_helpers

    person = planted["person"]
    before, _ = _download(client_for, com, "your-plan", person, tmp_path)
    assert flat("You are due to leave prison on") in flat(before)
    release_helpers.release(com, person, released_on=clock.today() - timedelta(days=1))
    after, _ = _download(client_for, com, "your-plan", person, tmp_path)
    left = clock.today() - timedelta(days=1)
    assert flat(f"You left prison on {left.day} {left:%B %Y}") in flat(after)
    assert flat("You are due to leave prison") not in flat(after)


def test_the_persons_copy_holds_no_risk_victim_or_third_party_information(
    planted: dict[str, Any], com: User, client_for: Clients, tmp_path: Path
) -> None:
    person = planted["person"]
    html = pdf.person_copy_html(person_copy(person))
    text, _ = _download(client_for, com, "your-plan", person, tmp_path)
    for held in (html, text):
        for value in FORBIDDEN_IN_PERSON_COPY:
            assert flat(value) not in flat(held), value
        assert not LEVELS.search(held), LEVELS.search(held)
    # The staff documents do hold them: the checks above can fail.
    staff = flat(
        pdf_text(_get(client_for(com), "risk-management-plan", person).content, tmp_path, "rmp")
    )
    assert flat(VICTIM_SAFETY) in staff and flat(JUSTIFICATION) in staff


def test_the_persons_copy_is_made_only_of_its_allowed_fields() -> None:
    from dataclasses import fields

    from throughcare.documents.person_copy import PersonCopy

    assert {f.name for f in fields(PersonCopy)} == {
        "name",
        "produced_on",
        "release_date",
        "released_on",
        "licence_ends",
        "prison_offender_manager",
        "community_offender_manager",
        "agreement",
        "goals",
        "first_appointment_who",
        "first_appointment_when",
        "needs",
        "id_documents",
        "standard_conditions",
        "additional_conditions",
    }


NAMES = ("pre-release-report", "risk-management-plan", "your-plan", "licence")


def test_the_documents_page_lists_them_for_the_case_team_only(
    person: Person,
    com: User,
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    client_for: Clients,
) -> None:
    body = _get(client_for(com), "index", person).content.decode()
    for name in NAMES:
        assert reverse(f"documents:{name}", args=[person.pk]) in body
    partner = make_user(Role.PARTNER, "partner")
    share(person, com, organisations["partner"], list(SharingAgreement.Section.values))
    body = _get(client_for(partner), "index", person).content.decode()
    for name in NAMES:
        assert reverse(f"documents:{name}", args=[person.pk]) not in body


@pytest.mark.parametrize("name", NAMES)
def test_who_may_have_them(
    name: str,
    person: Person,
    com: User,
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    client_for: Clients,
) -> None:
    team = make_user(Role.COM, "team")
    assert _get(client_for(team), name, person).status_code == 200
    outsider = make_user(Role.COM, "other_team")
    assert _get(client_for(outsider), name, person).status_code == 404
    partner = make_user(Role.PARTNER, "partner")
    assert _get(client_for(partner), name, person).status_code == 404
    # A partner shared every section may see the record, but none of these: refused.
    share(person, com, organisations["partner"], list(SharingAgreement.Section.values))
    assert _get(client_for(partner), name, person).status_code == 403
    produced = AuditEvent.objects.filter(
        record_type=RecordType.PLAN_DOCUMENT, operation=Operation.DISCLOSURE
    )
    assert [e.user_id for e in produced] == [team.pk]


@pytest.mark.parametrize(
    ("name", "title", "for_the_person"),
    [
        ("pre-release-report", "Pre-release report", False),
        ("risk-management-plan", "Risk management plan", False),
        ("your-plan", "Their own plan", True),
        ("licence", "Licence conditions", True),
    ],
)
def test_each_download_is_a_disclosure(
    name: str, title: str, for_the_person: bool, person: Person, com: User, client_for: Clients
) -> None:
    assert _get(client_for(com), name, person).status_code == 200
    event = AuditEvent.objects.get(
        record_type=RecordType.PLAN_DOCUMENT, operation=Operation.DISCLOSURE
    )
    assert event.person_id == person.pk and event.user_id == com.pk
    assert event.reason == f"{title} (PDF)"
    assert com.email in event.recipient
    assert event.recipient.startswith("the person") == for_the_person
    assert event.fields


def test_the_subject_access_copy_holds_the_release_and_the_running_of_the_plan(
    planted: dict[str, Any], com: User, make_user: Callable[..., User]
) -> None:
    """Reviews, setbacks, escalations with the SPO's response, recommendations, the day of
    release and the handover are theirs: in the export and in its PDF summary."""
    person = planted["person"]
    spo = make_user(Role.SPO, "team")
    raised = person.plan_escalations.get()
    escalations.respond(user=spo, escalation=raised, response="Spomarker see him weekly")
    escalations.record_recommendation(
        user=com,
        person=person,
        recommendation="warning",
        reasons="Recommendationmarker a first lapse",
    )
    data = queries.subject_access(policy.Access(com, person, policy.Relation.ALLOCATED))
    assert [r["reason"] for r in data["plan_reviews"]] == ["Scheduled review"]
    assert data["setbacks"][0]["what_happened"] == SETBACK
    assert data["escalations"][0]["response"] == "Spomarker see him weekly"
    assert data["escalations"][0]["responded_by"] == spo.full_name
    assert data["enforcement_recommendations"][0]["recommendation"] == "Warning"
    assert data["release"]["day_of_release"]["needs"][0]["details"] == CHECKLIST_DETAILS
    assert data["release"]["handovers"][0]["meeting_held"] is True
    html = pdf.subject_access_html(data)
    for value in (
        SETBACK,
        ESCALATION,
        "Spomarker see him weekly",
        "Recommendationmarker a first lapse",
        CHECKLIST_DETAILS,
        "Handover to the community offender manager",
    ):
        assert escape(value) in html, value
