"""A partner organisation's part of the resettlement plan (issue 12 point 8): on the Plan page,
their steps of the signed plan and the goal each serves; never another organisation's steps,
the person's agreement, a draft, nor the plan's staff or records pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import share
from throughcare.access.models import Organisation, Role, User
from throughcare.people.models import Person
from throughcare.planning.resettlement import partner, services
from throughcare.planning.resettlement.models import KIND

from .helpers import agreed, goal, in_days, step

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]

THEIRS = "Help with the housing application THEIRS-STEP"
OTHERS = "Benefits advice session OTHER-ORG-STEP"
POM_STEP = "Book the housing assessment POM-STEP"
OTHER_GOAL = "Get a bank account OTHER-GOAL"
WORDS = "I want to live near my sister AGREEMENT-WORDS"
DRAFT = "A new step not yet signed DRAFT-STEP"
NOTE_THEIRS = "Form sent to the council PROGRESS-THEIRS"
NOTE_POM = "Assessment booked PROGRESS-POM"


@pytest.fixture
def plan(
    pom: User, person: Person, organisations: dict[str, Organisation], other_org: Organisation
) -> dict[str, Any]:
    """A signed plan with a step of each kind, progress since, and a draft after it."""
    housing = goal(pom, person, title="Somewhere settled to live")
    theirs = step(
        pom, housing, description=THEIRS, owner="partner", organisation=organisations["partner"]
    )
    step(pom, housing, description=OTHERS, owner="partner", organisation=other_org)
    mine = step(pom, housing, description=POM_STEP, due_date=in_days(5))
    bank = goal(pom, person, pathway="finance_id", area_of_need="finance", title=OTHER_GOAL)
    step(pom, bank, description="Open a basic bank account")
    agreed(pom, person, words=WORDS)
    signed = services.submit(pom, person)
    services.add_progress(user=pom, step=theirs, note=NOTE_THEIRS, status="in progress")
    services.add_progress(user=pom, step=mine, note=NOTE_POM, status="completed")
    step(pom, housing, description=DRAFT, owner="partner", organisation=organisations["partner"])
    return {"version": signed, "housing": housing}


def _plan_page(client: Client, person: Person) -> tuple[int, str]:
    response = client.get(reverse("planning:plan", args=[person.pk]))
    return response.status_code, response.content.decode()


def test_a_partner_sharing_the_plan_sees_their_steps_of_the_signed_plan_only(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    assert plan["version"].state == "locked"
    share(person, com, organisations["partner"], ["identity", "plan"])
    status, body = _plan_page(client_for(make_user(Role.PARTNER, "partner")), person)
    assert status == 200
    assert 'id="panel-resettlement-partner"' in body
    assert THEIRS in body
    assert "Accommodation: Somewhere settled to live" in body
    assert NOTE_THEIRS in body and "In progress" in body  # moved since it was signed
    for hidden in (OTHERS, POM_STEP, OTHER_GOAL, WORDS, DRAFT, NOTE_POM):
        assert hidden not in body, hidden
    assert 'id="panel-resettlement"' not in body  # the case team's panel
    assert 'data-testid="partner-release"' not in body  # the sentence is not shared


def test_another_partner_sees_their_own_step_not_this_one(
    com: User,
    person: Person,
    other_org: Organisation,
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    worker = User.objects.create_user(
        "other.charity@test.example",
        "correct-horse-battery",
        full_name="Other Charity Worker",
        role=Role.PARTNER,
        organisation=other_org,
    )
    share(person, com, other_org, ["plan"])
    _, body = _plan_page(client_for(worker), person)
    assert OTHERS in body
    assert THEIRS not in body and NOTE_THEIRS not in body


def test_with_the_sentence_shared_the_release_date_and_first_appointment(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    share(person, com, organisations["partner"], ["plan", "sentence"])
    _, body = _plan_page(client_for(make_user(Role.PARTNER, "partner")), person)
    assert 'data-testid="partner-release"' in body
    assert person.release_date is not None
    assert f"{person.release_date.day} {person.release_date:%B %Y}" in body
    assert "Not arranged yet" in body


def test_without_plan_in_the_agreement_no_plan_at_all(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    share(person, com, organisations["partner"], ["identity", "sentence", "rosh_summary"])
    status, body = _plan_page(client_for(make_user(Role.PARTNER, "partner")), person)
    # Nothing of the plan is shared with them: for them the Plan section does not exist.
    assert status == 404
    assert THEIRS not in body
    assert 'id="panel-resettlement-partner"' not in body


def test_before_the_plan_is_signed_a_partner_sees_none_of_it(
    pom: User,
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
) -> None:
    made = goal(pom, person)
    step(pom, made, description=THEIRS, owner="partner", organisation=organisations["partner"])
    share(person, com, organisations["partner"], ["plan"])
    _, body = _plan_page(client_for(make_user(Role.PARTNER, "partner")), person)
    assert THEIRS not in body
    assert "has not been signed yet" in body


def test_the_staff_and_records_pages_of_the_plan_stay_closed_to_partners(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    share(person, com, organisations["partner"], ["identity", "plan", "risk_plan"])
    client = client_for(make_user(Role.PARTNER, "partner"))
    records = {"person_id": person.pk, "document_kind": KIND}
    urls = [
        reverse("resettlement:plan", args=[person.pk]),
        reverse("resettlement:goal", args=[person.pk, plan["housing"].pk]),
        reverse("records:versions", kwargs=records),
        reverse("records:version", kwargs={**records, "number": plan["version"].number}),
        reverse("records:compare", kwargs=records),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert THEIRS not in response.content.decode(), url
        assert WORDS not in response.content.decode(), url


def test_a_version_signed_before_the_id_was_kept_matches_by_name(
    organisations: dict[str, Organisation], other_org: Organisation
) -> None:
    old = {"owner": "partner", "organisation": "Test Housing"}
    assert partner.is_theirs(old, organisations["partner"])
    assert not partner.is_theirs(old, other_org)
    kept = {**old, "organisation_id": other_org.pk}
    assert not partner.is_theirs(kept, organisations["partner"])
    assert not partner.is_theirs({"owner": "pom", "organisation": ""}, other_org)
