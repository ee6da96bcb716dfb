"""The Assessment section's pages, the caseload's columns, "review due", the subject access
export and what a partner sees."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import share
from throughcare.access.models import Organisation, Role, User
from throughcare.access.policy import Access, Relation
from throughcare.assessment import services
from throughcare.assessment.models import Assessment
from throughcare.casework import services as casework
from throughcare.casework.concerns import services as concerns
from throughcare.core import clock
from throughcare.documents import queries as documents
from throughcare.people.models import Person
from throughcare.records import services as records

from .helpers import filled, with_offence

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user(Role.COM, "team", grade="probation officer")


@pytest.fixture
def case(make_person: Callable[..., Person], officer: User) -> Person:
    return with_offence(make_person(release_in_days=30, com=officer), officer)


def _locked(
    officer: User, person: Person, level: str = "low", changes: dict[str, Any] | None = None
) -> None:
    services.submit(officer, filled(officer, person, level, **(changes or {})).version)


def test_start_from_the_section_and_the_task_list_shows_what_is_missing(
    client_for: Callable[[User], Client], officer: User, case: Person
) -> None:
    client = client_for(officer)
    page = client.get(reverse("assessment:overview", args=[case.pk]))
    assert page.status_code == 200 and b"Start an assessment" in page.content
    started = client.post(reverse("assessment:start", args=[case.pk]))
    summary = Assessment.objects.get(person=case)
    assert started["Location"] == reverse("assessment:version", args=[case.pk, summary.open_id])
    tasks = client.get(started["Location"]).content.decode()
    assert "Interview with the person" in tasks and "request it" in tasks
    check = client.post(reverse("assessment:check", args=[case.pk, summary.open_id]))
    assert "Complete the section: Case summary" in check.content.decode()


def test_the_caseload_shows_and_sorts_by_the_level_band_and_review_due(
    client_for: Callable[[User], Client],
    make_person: Callable[..., Person],
    officer: User,
    case: Person,
) -> None:
    other = with_offence(make_person(release_in_days=60, com=officer), officer)
    _locked(officer, case, "low")
    _locked(officer, other, "medium")
    client = client_for(officer)
    page = client.get(reverse("caseload:caseload"), {"sort": "rosh", "order": "desc"}).content
    text = page.decode()
    assert "Risk of serious harm" in text and "OGRS3" in text and "Review due" in text
    assert text.index(other.crn) < text.index(case.crn)
    assert ">Medium<" in text and ">Low<" in text
    ascending = client.get(reverse("caseload:caseload"), {"sort": "rosh"}).content.decode()
    assert ascending.index(case.crn) < ascending.index(other.crn)


def test_an_urgent_concern_or_an_acute_change_marks_review_due_until_reassessed(
    client_for: Callable[[User], Client], officer: User, case: Person
) -> None:
    _locked(officer, case)
    concerns.record_concern(
        user=officer,
        person=case,
        concern=concerns.NewConcern(
            concern_type="harm to a named person",
            account="Threats made on the phone.",
            occurred_on=clock.today(),
            occurred_time=time(9, 0),
            source_kind="person",
        ),
    )
    summary = Assessment.objects.get(person=case)
    assert summary.review_due and "urgent concern" in summary.review_due_reason
    overview = client_for(officer).get(reverse("assessment:overview", args=[case.pk]))
    assert b"Review due" in overview.content
    services.submit(officer, records.reassess(officer, summary.document))
    summary.refresh_from_db()
    assert not summary.review_due
    casework.add_case_note(
        user=officer,
        person=case,
        note=casework.NewCaseNote(
            note_type="contact",
            occurred_on=clock.today(),
            text="Told me his mother died last week.",
            acute_change="bereavement",
        ),
    )
    summary.refresh_from_db()
    assert summary.review_due and "Bereavement" in summary.review_due_reason


def test_nothing_marks_review_due_before_there_is_a_current_assessment(
    officer: User, case: Person
) -> None:
    filled(officer, case)
    casework.add_case_note(
        user=officer,
        person=case,
        note=casework.NewCaseNote(
            note_type="contact",
            occurred_on=clock.today(),
            text="Stopped taking his medication.",
            acute_change="stopping medication",
        ),
    )
    assert not Assessment.objects.get(person=case).review_due


def test_the_subject_access_export_holds_the_assessment_and_withholds_third_parties(
    officer: User, case: Person
) -> None:
    _locked(
        officer,
        case,
        changes={
            "domestic-abuse": {
                "dash_received": "yes",
                "dash_completed_by": "PC Anna Third-Party",
                "dash_date_day": "1",
                "dash_date_month": "11",
                "dash_date_year": "2026",
                "dash_yes_answers": "3",
                "dash_outcome": "Standard risk",
                "professional_judgement": "no",
            }
        },
    )
    export = documents.subject_access(Access(officer, case, Relation.ALLOCATED))
    text = str(export)
    assessments = export["assessments"]
    assert assessments[0]["version"] == 1 and assessments[0]["state"] == "Locked"
    assert any(
        row["question"] == "Overall risk of serious harm" for row in assessments[0]["answers"]
    )
    assert "PC Anna Third-Party" not in text
    withheld = export["assessment_third_party"]
    assert withheld and withheld[0]["withheld"] and "Data Protection Act" in withheld[0]["reason"]


def test_a_partner_sees_the_levels_in_the_community_only_under_the_summary_section(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    officer: User,
    case: Person,
) -> None:
    _locked(officer, case, "medium", {"rosh": {"who": "Door staff at the Crown and Anchor"}})
    partner = make_user(Role.PARTNER, "partner")
    client = client_for(partner)
    overview = reverse("assessment:overview", args=[case.pk])
    share(case, officer, organisations["partner"], ["identity"])
    assert client.get(overview).status_code == 404
    share(case, officer, organisations["partner"], ["identity", "rosh_summary"])
    page = client.get(overview).content.decode()
    assert "Risk of serious harm, by who is at risk" in page and "Medium" in page
    assert "Crown and Anchor" not in page and "In custody" not in page and "OGRS3" not in page
    version = Assessment.objects.get(person=case).current
    assert version is not None
    full = reverse("records:version", args=[case.pk, "assessment", version.number])
    assert client.get(full).status_code == 403  # not shared: the gate says so
    share(case, officer, organisations["partner"], ["identity", "assessment"])
    assert "Crown and Anchor" in client.get(full).content.decode()


def test_a_locked_version_cannot_be_changed_through_its_pages(
    client_for: Callable[[User], Client], officer: User, case: Person
) -> None:
    _locked(officer, case, "low")
    version = Assessment.objects.get(person=case).current
    assert version is not None
    client = client_for(officer)
    url = reverse("assessment:section", args=[case.pk, version.pk, "rosh"])
    page = client.get(url).content.decode()
    assert "Save and continue" not in page
    client.post(url, {"public_community": "very high", "version": "1"})
    client.post(reverse("assessment:check", args=[case.pk, version.pk]))
    version.refresh_from_db()
    assert version.content["rosh"]["public_community"] == "low"
    assert version.state == "locked"


def test_the_contributions_page_lists_the_advice_sought_with_a_way_to_ask(
    client_for: Callable[[User], Client], officer: User, case: Person
) -> None:
    draft = filled(officer, case, "low")
    url = reverse("assessment:section", args=[case.pk, draft.version.pk, "contributions"])
    page = client_for(officer).get(url).content.decode()
    assert "Advice sought about this case" in page
    assert reverse("casework:advice-create", args=[case.pk]) in page
