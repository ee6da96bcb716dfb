"""The risk management plan's pages: the plan by heading with the factors no action manages,
the panel on the Plan page, adding an action (errors keep what was typed), the owner alone
changing it, licence conditions chosen from the catalogue with their conflicts shown, checking
and submitting, a stale save, the records pages showing the plan's rows, and consultation
audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.people.models import Person
from throughcare.planning import services as planning_services
from throughcare.planning.riskplan import facts, services
from throughcare.planning.riskplan.models import LicenceCondition, RiskAction
from throughcare.planning.tests.helpers import option

from .helpers import EXCLUSION, PASSPORT, action, assessed, condition

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]


def _url(name: str, person: Person, *args: object) -> str:
    return reverse(f"riskplan:{name}", args=[person.pk, *args])


def test_the_plan_by_heading_and_the_factors_no_action_manages(
    pom: User, person: Person, client_for: Clients
) -> None:
    assessed(pom, person)
    action(
        pom, person, action="Alcohol testing at each appointment", heading="monitoring and control"
    )
    condition(pom, person)
    body = client_for(pom).get(_url("plan", person)).content.decode()
    for words in (
        "Supervision",
        "Monitoring and control",
        "Victim safety planning",
        "Contingency",
        "Alcohol testing at each appointment",
        "Risk factors no action manages",
        "Acute dynamic factor: bereavement",
        "Version 1",
        "Check and submit the plan",
    ):
        assert words in body, words
    assert "Stable dynamic factor: alcohol or drug use</li>" not in body  # it is managed
    panel = client_for(pom).get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert 'id="panel-risk-plan"' in panel
    assert "Monitoring and control: 1 action" in panel
    assert "Additional licence conditions: 1" in panel and "1 without a named risk" in panel
    assert "Other risk: suicide" in panel


def test_adding_an_action_errors_keep_what_was_typed(
    pom: User, person: Person, client_for: Clients
) -> None:
    assessed(pom, person)
    client = client_for(pom)
    page = client.get(_url("action-create", person) + "?heading=contingency").content.decode()
    assert 'value="contingency" checked' in page
    posted = {"heading": "contingency", "action": "Recall to custody", "by_whom": "", "when": ""}
    body = client.post(_url("action-create", person), posted).content.decode()
    assert "govuk-error-summary" in body
    for message in (
        "Enter who will do it",
        "Enter what would have to happen for the plan to act",
        "Select the risk factors this action manages",
    ):
        assert message in body, message
    assert "Recall to custody" in body
    assert not RiskAction.objects.exists()
    response = client.post(
        _url("action-create", person),
        {
            **posted,
            "contingency_if": "He goes to her street",
            "by_whom": "COM and police",
            "when": "At once",
            "factors": ["harm:public"],
        },
    )
    assert response.status_code == 302
    made = RiskAction.objects.get()
    assert made.contingency_if == "He goes to her street" and made.factors == ["harm:public"]


def test_only_the_owner_sees_the_forms(
    pom: User, com: User, person: Person, client_for: Clients
) -> None:
    made = action(pom, person, factors=[])
    client = client_for(com)
    plan = client.get(_url("plan", person)).content.decode()
    assert "Weekly appointments at the probation office" in plan
    assert "Check and submit the plan" not in plan and "Add an action" not in plan
    for url in (
        _url("action-create", person),
        _url("action", person, made.pk),
        _url("key-information", person),
        _url("condition-create", person, PASSPORT),
        _url("check", person),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Only the plan's owner can change it" in response.content.decode()
    response = client.post(
        _url("action", person, made.pk),
        {"heading": "supervision", "action": "Changed", "by_whom": "x", "when": "y", "version": 1},
    )
    assert response.status_code == 200
    made.refresh_from_db()
    assert made.action == "Weekly appointments at the probation office"


def test_the_team_reads_and_others_do_not(
    pom: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    action(pom, person, factors=[])
    team = make_user(Role.COM, "team")
    assert client_for(team).get(_url("plan", person)).status_code == 200
    assert client_for(team).get(_url("action-create", person)).status_code == 403
    other = make_user(Role.COM, "other_team")
    assert client_for(other).get(_url("conditions", person)).status_code in (302, 404)


def test_choosing_a_condition_filling_its_blanks_and_its_conflict_shown(
    pom: User, person: Person, client_for: Clients
) -> None:
    planning_services.choose(user=pom, option=option(pom, person), reasoning="His mother's")
    client = client_for(pom)
    catalogue_page = client.get(_url("condition-choose", person)).content.decode()
    assert "Freedom of movement" in catalogue_page
    assert _url("condition-create", person, EXCLUSION) in catalogue_page
    assert client.get(_url("condition-create", person, "no-such-code")).status_code == 404
    body = client.post(
        _url("condition-create", person, EXCLUSION), {"justification": "Keeps him from NB3"}
    ).content.decode()
    assert "Enter the zone: postcodes, postcode districts or named areas" in body
    assert "Keeps him from NB3" in body
    response = client.post(
        _url("condition-create", person, EXCLUSION),
        {"zone": "NB3", "justification": "Keeps him from NB3"},
    )
    assert response.status_code == 302
    made = LicenceCondition.objects.get()
    conditions = client.get(_url("conditions", person)).content.decode()
    assert "The chosen address or area is inside the exclusion zone" in conditions
    assert "No risk named" in conditions
    assert "Behave well in a way that supports the purpose" in conditions
    check = client.get(_url("check", person)).content.decode()
    assert "The chosen address or area is inside the exclusion zone" in check
    assert f"Name the risk that “{made.short}” manages" in check
    change = client.get(_url("condition", person, made.pk)).content.decode()
    assert "Why the condition can stand despite the conflict" in change


def test_submitting_lists_every_problem_then_submits(
    pom: User, person: Person, client_for: Clients
) -> None:
    made = action(pom, person, factors=[])
    passport = condition(pom, person)
    client = client_for(pom)
    body = client.post(_url("check", person)).content.decode()
    assert "govuk-error-summary" in body
    assert "Enter the key information on the current situation" in body
    assert f"Say why “{passport.short}” is necessary and proportionate" in body
    services.save_key_information(
        user=pom, person=person, situation="At home", considerations="", expected=0
    )
    services.change_condition(
        user=pom,
        condition=passport,
        new=services.NewCondition(risk_action=made, justification="He tried to flee"),
        expected=passport.version,
    )
    response = client.post(_url("check", person))
    assert response.status_code == 302
    document = facts.document(person)
    assert document is not None and document.latest_locked() is not None
    version = client.get(
        reverse("records:version", args=[person.pk, facts.KIND, 1])
    ).content.decode()
    assert "Weekly appointments at the probation office" in version
    assert "He tried to flee" in version and "To surrender your passport" in version


def test_a_stale_save_of_the_key_information_keeps_what_was_typed(
    pom: User, person: Person, client_for: Clients
) -> None:
    client = client_for(pom)
    services.save_key_information(
        user=pom, person=person, situation="Saved meanwhile", considerations="", expected=0
    )
    body = client.post(
        _url("key-information", person), {"situation": "Mine", "version": "0"}
    ).content.decode()
    assert "Someone else changed this since you opened it" in body
    assert "Mine" in body and "Saved meanwhile" in body
    again = client.post(_url("key-information", person), {"situation": "Mine", "version": "1"})
    assert again.status_code == 302


def test_reading_the_plan_is_audited(pom: User, person: Person, client_for: Clients) -> None:
    client_for(pom).get(_url("plan", person))
    client_for(pom).get(_url("conditions", person))
    consulted = AuditEvent.objects.filter(operation=Operation.CONSULTATION, person_id=person.pk)
    types = set(consulted.values_list("record_type", flat=True))
    assert {RecordType.PLAN, RecordType.LICENCE_CONDITION} <= types
