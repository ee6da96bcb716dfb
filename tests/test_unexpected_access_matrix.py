"""The unexpected-access report, for a senior probation officer in each relation to a person
whose record was opened after a reason was given: it starts from the people the policy lets the
SPO see, so limited access keeps the person (their name, CRN and the reason) off it. Uses the
access matrix's world (tests/test_access_matrix.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.test_access_matrix import A, R, world  # noqa: F401 - a fixture
from throughcare.access import policy, services
from throughcare.access.commands import Exclusion
from throughcare.access.models import BreakGlassAccess, Role
from throughcare.audit.models import AuditEvent

BREAK_GLASS_REASON = "Covering the duty desk: REPORTED-REASON"
SPO_RELATIONS = [R.TEAM_SPO, R.EXCLUDED, R.NOT_ON_RESTRICTION_LIST, R.OTHER_STAFF]


@pytest.mark.parametrize("relation", SPO_RELATIONS, ids=str)
def test_unexpected_access_report_for_every_relation_of_an_spo(
    world: dict[str, Any],  # noqa: F811 - the fixture imported above
    client_for: Any,
    make_user: Any,
    relation: R,
) -> None:
    person = world["restricted"] if relation == R.NOT_ON_RESTRICTION_LIST else world["person"]
    # An opening recorded earlier (for the restricted person, before the list was made).
    BreakGlassAccess.objects.create(
        person=person,
        user=make_user(Role.COM, "other_team"),
        session_key="an-earlier-session",
        reason=BREAK_GLASS_REASON,
    )
    spo = {
        R.TEAM_SPO: world["users"][R.TEAM_SPO],
        R.EXCLUDED: make_user(Role.SPO, "team"),
        R.NOT_ON_RESTRICTION_LIST: make_user(Role.SPO, "team"),
        R.OTHER_STAFF: make_user(Role.SPO, "other_team"),
    }[relation]
    if relation == R.EXCLUDED:
        services.exclude_user(
            by=world["users"][R.TEAM_SPO],
            person=person,
            exclusion=Exclusion(user=spo, reason="Knows the family"),
        )
    assert policy.relation(spo, person) == relation
    response = client_for(spo).get(reverse("oversight:unexpected-access"))
    body = response.content.decode()
    assert response.status_code == 200
    shown = policy.allows(relation, A.VIEW) and relation != R.BREAK_GLASS
    for text in (BREAK_GLASS_REASON, person.full_name, person.crn):
        assert (text in body) == shown, text
    events = AuditEvent.objects.filter(
        person_id=person.pk, user=spo, record_type="unexpected access report"
    )
    assert events.exists() == shown
