"""The access matrix for the API: every operation of /api/v1/ (found from its OpenAPI schema),
for every relation a user can have to a person, called with a token acting as that user (an
administrator, who cannot hold a token, through a session), checked against the access policy.
A token has no session, so break-glass never applies: staff outside the team get a 404."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import access_matrix_resettlement as resettlement_matrix
from tests import access_matrix_riskplan as riskplan_matrix
from tests.test_access_matrix import (
    EXCLUSION_REASON,
    MATRIX_RELATIONS,
    RECORD,
    SENSITIVE,
    VICTIM,
    WITHHELD,
    entitled,
    world,  # noqa: F401 - the fixture
)
from throughcare.access import policy
from throughcare.access.models import Role, User
from throughcare.api import services
from throughcare.api.models import Scope
from throughcare.core import clock
from throughcare.people.models import Person

R = policy.Relation
A = policy.Action
U = policy.UserAction


@dataclass(frozen=True)
class Endpoint:
    """How the policy applies to an operation: a person-level action (and the section a
    partner's agreement must cover), or a user-level one, or a list (`visible_people`)."""

    action: A | None = None
    section: str | None = None
    user_action: U | None = None
    body: dict[str, Any] | None = None
    ok: int = 200


TODAY = "2026-11-24"
ENDPOINTS: dict[str, Endpoint] = {
    "GET /api/v1/people": Endpoint(),
    "POST /api/v1/people": Endpoint(
        user_action=U.CREATE_PERSON,
        body={
            "given_name": "New",
            "family_name": "Person",
            "date_of_birth": "1980-02-02",
            "sex": "male",
        },
        ok=201,
    ),
    "GET /api/v1/people/{person_id}": Endpoint(A.VIEW, "identity"),
    "PATCH /api/v1/people/{person_id}": Endpoint(A.EDIT, body={"first_language": "Welsh"}),
    "GET /api/v1/people/{person_id}/sentences": Endpoint(A.VIEW, "sentence"),
    "POST /api/v1/people/{person_id}/sentences": Endpoint(
        A.EDIT, body={"sentence_type": "sds", "sentence_date": "2026-01-01"}, ok=201
    ),
    "GET /api/v1/people/{person_id}/allocation": Endpoint(A.VIEW, "allocation"),
    "GET /api/v1/people/{person_id}/case-notes": Endpoint(A.VIEW, "case_notes"),
    "GET /api/v1/people/{person_id}/assessment": Endpoint(A.VIEW, "rosh_summary"),
    # The case team reads the plan, a partner only their part ("plan" or "risk_plan").
    "GET /api/v1/people/{person_id}/plan": Endpoint(A.VIEW, "plan"),
    "POST /api/v1/people/{person_id}/case-notes": Endpoint(
        A.ADD_CASE_NOTE,
        body={"note_type": "contact", "occurred_on": TODAY, "text": "Hello"},
        ok=201,
    ),
}


def operations() -> list[str]:
    schema = Client().get("/api/v1/openapi.json").json()
    return [f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops]


def expected_status(endpoint: Endpoint, relation: R, user: User) -> int:
    if endpoint.user_action is not None:
        return endpoint.ok if policy.may(user, endpoint.user_action) else 403
    if endpoint.action is None:
        return 200  # a list: everyone gets one, of the people they may see
    if relation in (R.EXCLUDED, R.NOT_ON_RESTRICTION_LIST, R.BREAK_GLASS, R.OTHER_STAFF):
        return 404  # hidden: no page to explain limited access, no session for break-glass
    if policy.allows(relation, endpoint.action):
        return endpoint.ok
    if policy.allows(relation, A.VIEW):
        return 403
    return 404


def plan_values(relation: R) -> set[str]:
    """The plans' marked values, as on the pages; but victim safety planning only for those
    who may view victims."""
    found = resettlement_matrix.entitled(relation) | riskplan_matrix.entitled(relation)
    if not policy.allows(relation, A.VIEW_VICTIMS):
        found.discard(riskplan_matrix.VICTIM_SAFETY)
    return found


def _caller(user: User) -> Callable[..., Any]:
    client = Client()
    headers: dict[str, str] = {}
    if user.role == Role.ADMIN:
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    else:
        _, token = services.create_api_token(
            by=None,
            details=services.NewApiToken(
                name="Matrix",
                user=user,
                scopes=tuple(Scope.values),
                expires_at=clock.now() + timedelta(days=1),
            ),
        )
        headers["Authorization"] = f"Bearer {token}"

    def call(method: str, path: str, body: Any = None, **extra: str) -> Any:
        return client.generic(
            method,
            path,
            data="" if body is None else json.dumps(body),
            content_type="application/json",
            headers={**headers, **extra},
        )

    return call


def test_every_operation_is_in_the_matrix(db: None) -> None:
    assert sorted(operations()) == sorted(ENDPOINTS)


@pytest.mark.parametrize("relation", MATRIX_RELATIONS, ids=str)
def test_api_access_matrix(world: dict[str, Any], relation: R) -> None:  # noqa: F811
    user = world["users"][relation]
    person: Person = (
        world["restricted"] if relation == R.NOT_ON_RESTRICTION_LIST else world["person"]
    )
    call = _caller(user)
    allowed_values = entitled(relation) - {EXCLUSION_REASON}
    failures = []
    for name, endpoint in ENDPOINTS.items():
        method, path = name.split(" ", 1)
        url = path.replace("{person_id}", str(person.pk))
        extra = {}
        if method == "PATCH":
            person.refresh_from_db()
            extra["If-Match"] = f'"v{person.version}"'
        body_sent = endpoint.body
        if name == "POST /api/v1/people":  # a senior probation officer must allocate someone
            body_sent = {**(endpoint.body or {}), "com_id": world["users"][R.ALLOCATED].pk}
        response = call(method, url, body_sent, **extra)
        status = expected_status(endpoint, relation, user)
        if response.status_code != status:
            failures.append(f"{name}: {response.status_code}, expected {status}")
        body = response.content.decode(errors="replace")
        if name == "GET /api/v1/people":
            continue  # lists other people too: checked below for this person
        for value in (VICTIM, SENSITIVE, WITHHELD, RECORD, EXCLUSION_REASON):
            if value not in allowed_values and value in body:
                failures.append(f"{name}: shows {value!r}")
        for value in (*resettlement_matrix.VALUES, *riskplan_matrix.VALUES):
            if value not in plan_values(relation) and value in body:
                failures.append(f"{name}: shows {value!r}")
        hidden = not policy.allows(relation, A.VIEW) or relation == R.BREAK_GLASS
        if hidden and person.family_name in body:
            failures.append(f"{name}: shows the person's name")
    listed = [i["id"] for i in call("GET", "/api/v1/people").json()["items"]]
    sees = policy.allows(relation, A.VIEW) and relation != R.BREAK_GLASS
    if (str(person.pk) in listed) != sees:
        failures.append(f"GET /api/v1/people: lists the person: {not sees}")
    assert not failures, "\n".join(failures)
