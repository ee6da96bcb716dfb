"""The resettlement plan's pages: the plan and the Plan page's panel, adding goals from the
assessment's needs, steps with errors that keep what was typed, the owner alone changing it,
recording the agreement, checking and submitting, progress notes, and the records pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning.resettlement import facts
from throughcare.planning.resettlement.models import KIND, Goal, Step, StepProgress
from throughcare.planning.tests.helpers import locked_assessment
from throughcare.records.lifecycle import State
from throughcare.records.models import Version

from .helpers import agreed, goal, in_days, step

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]


def _url(name: str, person: Person, *args: object) -> str:
    return reverse(f"resettlement:{name}", args=[person.pk, *args])


def _date(name: str, day: object) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),  # type: ignore[attr-defined]
        f"{name}_month": str(day.month),  # type: ignore[attr-defined]
        f"{name}_year": str(day.year),  # type: ignore[attr-defined]
    }


def test_the_plan_page_and_the_panel(
    pom: User, com: User, person: Person, client_for: Clients
) -> None:
    made = goal(pom, person)
    step(pom, made)
    step(pom, made, description="Get a birth certificate", due_date=in_days(1))
    clock.set_now(clock.now() + timedelta(days=5))
    body = client_for(com).get(_url("plan", person)).content.decode()
    assert "Have somewhere settled to live" in body
    assert "Apply for CAS3 temporary accommodation" in body
    assert "1 step is overdue" in body
    assert "Only the prison offender manager who owns the plan can change it." in body
    panel = client_for(com).get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert 'id="panel-resettlement"' in panel
    assert "Accommodation: 1" in panel
    assert "1 overdue" in panel
    assert _url("plan", person) in panel
    assert AuditEvent.objects.filter(
        record_type=RecordType.PLAN, operation=Operation.CONSULTATION, person_id=person.pk
    ).exists()


def test_a_need_from_the_assessment_becomes_a_goal(
    pom: User, com: User, person: Person, client_for: Clients
) -> None:
    locked_assessment(com, person)
    client = client_for(pom)
    body = client.get(_url("plan", person)).content.decode()
    assert "Needs from the assessment with no goal yet" in body
    assert "Accommodation (severe need)" in body
    form = client.get(_url("goal-create", person) + "?need=accommodation").content.decode()
    assert '<option value="accommodation" selected>Accommodation</option>' in form
    response = client.post(
        _url("goal-create", person),
        {
            "pathway": "accommodation",
            "area_of_need": "accommodation",
            "title": "Somewhere to live",
            "status": "active",
            **_date("target_date", in_days(30)),
        },
    )
    assert response.status_code == 302
    assert Goal.objects.get().title == "Somewhere to live"
    body = client.get(_url("plan", person)).content.decode()
    assert "Needs from the assessment with no goal yet" not in body


def test_a_goal_with_errors_keeps_what_was_typed(
    pom: User, person: Person, client_for: Clients
) -> None:
    response = client_for(pom).post(
        _url("goal-create", person),
        {
            "pathway": "health",
            "title": "See a GP about my back",
            "status": "active",
            **_date("target_date", clock.today() - timedelta(days=3)),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Select the area of need" in body
    assert "The target date must be today or in the future" in body
    assert 'value="See a GP about my back"' in body
    assert not Goal.objects.exists()


def test_a_step_with_no_owner_or_after_the_licence_shows_errors_and_keeps_the_text(
    pom: User, person: Person, client_for: Clients
) -> None:
    made = goal(pom, person)
    end = facts.licence_end(person)
    assert end is not None
    response = client_for(pom).post(
        _url("step-create", person, made.pk),
        {
            "description": "Register with a GP near the hostel",
            "status": "not started",
            **_date("due_date", end.on + timedelta(days=1)),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select who does the step" in body
    assert "The due date must be on or before the day the licence ends" in body
    assert "Register with a GP near the hostel" in body
    assert not Step.objects.exists()


def test_someone_other_than_the_owner_sees_why_and_changes_nothing(
    pom: User, com: User, person: Person, client_for: Clients
) -> None:
    made = goal(pom, person)
    client = client_for(com)
    page = client.get(_url("goal", person, made.pk)).content.decode()
    assert "Only the prison offender manager who owns the plan can change it." in page
    response = client.post(
        _url("goal", person, made.pk),
        {
            "pathway": "accommodation",
            "area_of_need": "accommodation",
            "title": "Changed by the COM",
            "status": "active",
            "version": made.version,
            **_date("target_date", in_days(30)),
        },
    )
    assert response.status_code == 200
    assert "Only the prison offender manager who owns the plan can change it" in (
        response.content.decode()
    )
    made.refresh_from_db()
    assert made.title == "Have somewhere settled to live"


def test_a_stale_save_is_refused_and_can_be_saved_again(
    pom: User, person: Person, client_for: Clients
) -> None:
    made = goal(pom, person)
    the_step = step(pom, made)
    client = client_for(pom)
    posted = {
        "description": "Mine",
        "owner": "com",
        "status": "in progress",
        "version": the_step.version,
        **_date("due_date", in_days(10)),
    }
    step(pom, made)  # meanwhile, nothing to do with this step
    client.post(_url("step", person, the_step.pk), {**posted, "description": "Theirs"})
    response = client.post(_url("step", person, the_step.pk), posted)
    body = response.content.decode()
    assert "Someone else changed this step since you opened it" in body
    assert "Mine" in body
    the_step.refresh_from_db()
    assert f'value="{the_step.version}"' in body
    posted["version"] = the_step.version
    assert client.post(_url("step", person, the_step.pk), posted).status_code == 302
    the_step.refresh_from_db()
    assert the_step.description == "Mine"


def test_agree_check_and_submit_then_the_records_pages_show_the_plan(
    pom: User, person: Person, client_for: Clients
) -> None:
    made = goal(pom, person)
    step(pom, made)
    client = client_for(pom)
    check = client.get(_url("submit", person)).content.decode()
    assert "Record the person&#x27;s agreement to this version of the plan" in check
    refused = client.post(_url("submit", person))
    assert "Record the person&#x27;s agreement" in refused.content.decode()
    response = client.post(
        _url("agreement", person),
        {"agreement": "does not agree", "words": "", "version": "0"},
    )
    assert "Enter what the person said about why they do not agree" in response.content.decode()
    response = client.post(
        _url("agreement", person),
        {"agreement": "agreed", "words": "It is what I want", "version": "0"},
    )
    assert response.status_code == 302
    assert client.post(_url("submit", person)).status_code == 302
    version = Version.objects.get(document__kind=KIND)
    assert version.state == State.LOCKED
    page = client.get(
        reverse(
            "records:version",
            kwargs={"person_id": person.pk, "document_kind": KIND, "number": 1},
        )
    ).content.decode()
    assert "Have somewhere settled to live" in page
    assert "It is what I want" in page
    # A change starts version 2; the records' compare page shows what changed.
    step(pom, made, description="Open a bank account")
    agreed(pom, person, "updated agreed")
    form = client.get(_url("agreement", person)).content.decode()
    assert "Agreed to the updated plan" in form
    compare = client.get(
        reverse("records:compare", kwargs={"person_id": person.pk, "document_kind": KIND})
    ).content.decode()
    assert "Open a bank account" in compare


def test_a_progress_note_shows_under_the_step(
    pom: User, com: User, person: Person, client_for: Clients
) -> None:
    made = goal(pom, person)
    the_step = step(pom, made)
    client = client_for(com)
    response = client.post(_url("progress", person, the_step.pk), {"note": "", "status": ""})
    body = response.content.decode()
    assert "Enter the progress note" in body
    response = client.post(
        _url("progress", person, the_step.pk),
        {"note": "Referral sent to CAS3", "status": "in progress"},
    )
    assert response.status_code == 302
    assert StepProgress.objects.get().status == "in progress"
    body = client.get(_url("plan", person)).content.decode()
    assert "Referral sent to CAS3" in body
    assert "moved to in progress" in body


def test_the_case_team_reads_it_and_only_the_allocated_staff_open_the_forms(
    pom: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    made = goal(pom, person)
    team = client_for(make_user(Role.COM, "team"))
    assert team.get(_url("plan", person)).status_code == 200
    assert team.get(_url("goal", person, made.pk)).status_code == 403
    stranger = client_for(make_user(Role.PARTNER, "partner"))
    assert stranger.get(_url("plan", person)).status_code == 404
