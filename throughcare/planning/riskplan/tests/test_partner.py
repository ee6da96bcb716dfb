"""A partner organisation's part of the risk management plan (issue 12 point 8): on the Plan
page, their actions of the signed plan and the contingency plans naming them, with the levels
of risk of serious harm only when the summary is shared too; never victim safety planning,
even an action of theirs; never another organisation's actions, a draft, or the plan's pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import share
from throughcare.access.models import Organisation, Role, User
from throughcare.people.models import Person
from throughcare.planning.riskplan import facts, partner, services

from .helpers import action, assessed

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]

THEIRS = "Key worker checks in twice a week THEIRS-ACTION"
VICTIM = "Keep him away from the victim's street VICTIM-SAFETY-THEIRS"
OTHERS = "Drug testing at the clinic OTHER-ORG-ACTION"
STAFF = "Weekly appointments STAFF-ACTION"
NAMING = "Call the probation duty officer CONTINGENCY-NAMING"
NOT_NAMING = "Recall is considered CONTINGENCY-OTHER"
SITUATION = "Living with his brother KEY-INFO-SITUATION"
DRAFT = "An action not yet signed DRAFT-ACTION"


@pytest.fixture
def plan(
    pom: User, person: Person, organisations: dict[str, Organisation], other_org: Organisation
) -> dict[str, Any]:
    housing = organisations["partner"]
    assessed(pom, person)
    action(pom, person, action=THEIRS, by_whom="Key worker", organisation=housing)
    action(
        pom,
        person,
        heading="victim safety planning",
        action=VICTIM,
        by_whom="Key worker",
        organisation=housing,
    )
    action(pom, person, action=OTHERS, by_whom="Clinic", organisation=other_org)
    action(pom, person, action=STAFF)
    action(
        pom,
        person,
        heading="contingency",
        contingency_if="He is not at the hostel by 11pm",
        action=NAMING,
        by_whom="Test Housing night staff",
    )
    action(
        pom,
        person,
        heading="contingency",
        contingency_if="He is arrested",
        action=NOT_NAMING,
        by_whom="Community offender manager",
    )
    services.save_key_information(
        user=pom, person=person, situation=SITUATION, considerations="", expected=0
    )
    signed = services.submit(user=pom, person=person)
    action(pom, person, action=DRAFT, by_whom="Key worker", organisation=housing)
    return {"version": signed}


def _plan_page(client: Client, person: Person) -> str:
    response = client.get(reverse("planning:plan", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_partner_sharing_the_risk_plan_sees_their_actions_never_victim_safety(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    assert plan["version"].state == "locked"
    share(person, com, organisations["partner"], ["identity", "risk_plan"])
    body = _plan_page(client_for(make_user(Role.PARTNER, "partner")), person)
    assert 'id="panel-risk-plan-partner"' in body
    assert THEIRS in body and NAMING in body
    assert "Stable dynamic factor: alcohol or drug use" in body  # the factor it manages
    for hidden in (VICTIM, OTHERS, STAFF, NOT_NAMING, SITUATION, DRAFT):
        assert hidden not in body, hidden
    assert "Victim safety planning" not in body
    assert 'data-testid="partner-rosh"' not in body  # the summary is not shared
    assert 'id="panel-risk-plan"' not in body  # the case team's panel


def test_the_levels_come_with_the_summary_shared(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    share(person, com, organisations["partner"], ["risk_plan", "rosh_summary"])
    body = _plan_page(client_for(make_user(Role.PARTNER, "partner")), person)
    assert 'data-testid="partner-rosh"' in body
    assert 'The public</dt><dd class="govuk-summary-list__value">Medium' in body
    assert "Other prisoners" not in body


def test_without_risk_plan_in_the_agreement_none_of_it(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    share(person, com, organisations["partner"], ["plan", "rosh_summary"])
    client = client_for(make_user(Role.PARTNER, "partner"))
    body = _plan_page(client, person)
    assert THEIRS not in body and 'id="panel-risk-plan-partner"' not in body
    records = {"person_id": person.pk, "document_kind": facts.KIND}
    for url in (
        reverse("riskplan:plan", args=[person.pk]),
        reverse("records:version", kwargs={**records, "number": 1}),
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert THEIRS not in response.content.decode()


def test_the_risk_plan_pages_stay_closed_with_risk_plan_shared(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    client_for: Clients,
    plan: dict[str, Any],
) -> None:
    share(person, com, organisations["partner"], ["identity", "risk_plan"])
    client = client_for(make_user(Role.PARTNER, "partner"))
    records = {"person_id": person.pk, "document_kind": facts.KIND}
    for url in (
        reverse("riskplan:plan", args=[person.pk]),
        reverse("riskplan:conditions", args=[person.pk]),
        reverse("records:versions", kwargs=records),
        reverse("records:version", kwargs={**records, "number": 1}),
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert VICTIM not in response.content.decode(), url


def test_which_signed_actions_are_theirs(
    organisations: dict[str, Organisation], other_org: Organisation
) -> None:
    housing = organisations["partner"]
    own = {"heading": "supervision", "organisation_id": housing.pk}
    assert partner.is_theirs(own, housing) and not partner.is_theirs(own, other_org)
    assert not partner.is_theirs({**own, "heading": "victim safety planning"}, housing)
    named = {"heading": "contingency", "organisation_id": None, "by_whom": "test housing staff"}
    assert partner.is_theirs(named, housing) and not partner.is_theirs(named, other_org)
    assert not partner.is_theirs({**named, "heading": "supervision"}, housing)
    old = {"heading": "supervision", "organisation": "Test Housing"}  # before the id was kept
    assert partner.is_theirs(old, housing) and not partner.is_theirs(old, other_org)
