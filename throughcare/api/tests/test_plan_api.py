"""GET /api/v1/people/{id}/plan: the whole plan for the case team (victim safety planning only
for those who may view victims; never progress notes), only their part of the signed plans for
a partner, a 404 for anyone else; the scope, the audit, and a constant number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import share
from throughcare.access.models import Organisation, Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.people.models import Person
from throughcare.planning.resettlement import services as resettlement
from throughcare.planning.resettlement.tests.helpers import agreed, goal, step
from throughcare.planning.riskplan import services as riskplan
from throughcare.planning.riskplan.tests.helpers import action, assessed, condition

from .conftest import Api

pytestmark = pytest.mark.django_db

THEIRS = "Help with the housing form THEIRS-STEP"
POM_STEP = "Book the housing assessment POM-STEP"
NOTE = "Assessment booked PROGRESS-NOTE"
WORDS = "I want to live near my sister AGREEMENT-WORDS"
THEIR_ACTION = "Key worker visits THEIR-ACTION"
STAFF_ACTION = "Weekly appointments STAFF-ACTION"
VICTIM = "Exclusion zone round the victim's street VICTIM-SAFETY"
SITUATION = "Living with his brother KEY-INFORMATION"


def _plan(pom: User, person: Person, housing: Organisation, extra: int = 0) -> None:
    assessed(pom, person)
    made = goal(pom, person)
    step(pom, made, description=THEIRS, owner="partner", organisation=housing)
    mine = step(pom, made, description=POM_STEP)
    for n in range(extra):
        more = goal(pom, person, pathway="finance_id", area_of_need="finance", title=f"Goal {n}")
        for m in range(3):
            step(pom, more, description=f"Step {n}.{m}", owner="partner", organisation=housing)
    agreed(pom, person, words=WORDS)
    resettlement.submit(pom, person)
    resettlement.add_progress(user=pom, step=mine, note=NOTE, status="in progress")
    serves = action(pom, person, action=THEIR_ACTION, by_whom="Key worker", organisation=housing)
    action(pom, person, action=STAFF_ACTION)
    action(pom, person, heading="victim safety planning", action=VICTIM, organisation=housing)
    for n in range(extra):
        action(pom, person, action=f"Action {n}", organisation=housing)
    condition(pom, person, risk_action=serves, justification="He has family abroad")
    riskplan.save_key_information(
        user=pom, person=person, situation=SITUATION, considerations="", expected=0
    )
    riskplan.submit(user=pom, person=person)


def _get(api: Api, person: Person) -> Any:
    return api.get(f"/people/{person.pk}/plan")


def test_the_case_team_reads_the_whole_plan_without_progress_notes(
    api_for: Callable[..., Api],
    pom: User,
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
) -> None:
    api = api_for(com)
    body = _get(api, person).json()
    assert body["resettlement_plan"] is None and body["risk_management_plan"] is None
    assert body["release"] == {"stage": "In custody", "released_on": None}
    _plan(pom, person, organisations["partner"])
    response = _get(api, person)
    assert response.status_code == 200
    body = response.json()
    assert body["part_only"] is False
    plan = body["resettlement_plan"]
    assert (plan["state"], plan["agreement"]) == ("Locked", "Agreed")
    steps = [s["description"] for g in plan["goals"] for s in g["steps"]]
    assert steps == [THEIRS, POM_STEP]
    assert plan["goals"][0]["steps"][0]["owner"] == "Test Housing"
    headings = {h["heading"]: h["actions"] for h in body["risk_management_plan"]["headings"]}
    assert [a["action"] for a in headings["Victim safety planning"]] == [VICTIM]  # the COM
    assert headings["Supervision"][0]["factors"] == ["Stable dynamic factor: alcohol or drug use"]
    licence = body["licence_conditions"]
    assert licence["standard"] and licence["additional"][0]["text"].startswith("To surrender")
    assert set(body["readiness"]) == {"ready", "ready_on", "unmet"}
    assert body["readiness"]["ready"] is False
    assert body["handover"]["accepted"] is False
    text = response.content.decode()
    assert NOTE not in text and SITUATION not in text
    assert AuditEvent.objects.filter(
        record_type=RecordType.PLAN, operation=Operation.CONSULTATION, person_id=person.pk
    ).exists()


def test_victim_safety_planning_only_for_those_who_may_view_victims(
    api_for: Callable[..., Api],
    pom: User,
    make_user: Callable[..., User],
    person: Person,
    organisations: dict[str, Organisation],
) -> None:
    _plan(pom, person, organisations["partner"])
    response = _get(api_for(make_user(Role.COM, "team")), person)  # the team, not allocated
    assert response.status_code == 200
    assert STAFF_ACTION in response.content.decode()
    assert VICTIM not in response.content.decode()
    headings = [h["heading"] for h in response.json()["risk_management_plan"]["headings"]]
    assert "Victim safety planning" not in headings


def test_a_partner_reads_only_their_part_of_the_signed_plans(
    api_for: Callable[..., Api],
    pom: User,
    com: User,
    make_user: Callable[..., User],
    person: Person,
    organisations: dict[str, Organisation],
) -> None:
    _plan(pom, person, organisations["partner"])
    api = api_for(make_user(Role.PARTNER, "partner"))
    share(person, com, organisations["partner"], ["identity", "sentence"])
    assert _get(api, person).status_code == 404
    share(person, com, organisations["partner"], ["plan"])
    body = _get(api, person).json()
    assert body["part_only"] is True and body["risk_management_plan"] is None
    assert [s["description"] for s in body["resettlement_plan"]["goals"][0]["steps"]] == [THEIRS]
    assert body["resettlement_plan"]["agreement"] is None
    for hidden in ("licence_conditions", "readiness", "handover", "release"):
        assert body[hidden] is None
    share(person, com, organisations["partner"], ["risk_plan"])
    response = _get(api, person)
    text = response.content.decode()
    assert THEIR_ACTION in text
    for never in (POM_STEP, NOTE, WORDS, STAFF_ACTION, VICTIM, SITUATION, "To surrender"):
        assert never not in text, never


def test_the_scope_is_needed(api_for: Callable[..., Api], com: User, person: Person) -> None:
    assert api_for(com, ("people:read",)).get(f"/people/{person.pk}/plan").status_code == 403


def test_the_queries_do_not_grow_with_the_plan(
    api_for: Callable[..., Api],
    pom: User,
    com: User,
    make_person: Callable[..., Person],
    organisations: dict[str, Organisation],
) -> None:
    small, large = make_person(release_in_days=30), make_person(release_in_days=30)
    _plan(pom, small, organisations["partner"])
    _plan(pom, large, organisations["partner"], extra=3)
    api = api_for(com)
    counts = []
    for person in (small, large, small):
        with CaptureQueriesContext(connection) as queries:
            assert _get(api, person).status_code == 200
        counts.append(len(queries))
    assert counts[1] == counts[2], counts
