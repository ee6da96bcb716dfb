"""The access matrix for the request grant: the recipient of an information request (a named
colleague, a role at a team, a partner organisation), and a specialist outside the case team
asked for advice (a role at a team), against every page of the project.

While the request is open they may open its page, which shows the person's name, CRN and
prison number, and nothing else of the person: every page of the record answers them as it
did before the request. Once it is answered or withdrawn, its page is a 404 for them too, and
the person's name leaves every page they can open.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from conftest import search
from tests.access_matrix_pages import item_for
from tests.test_access_matrix import (
    EXCLUSION_REASON,
    RECORD,
    SENSITIVE,
    VICTIM,
    WITHHELD,
    _kwargs,
    expected_status,
    named_patterns,
    page_for,
    world,
)
from throughcare.access import policy
from throughcare.access.models import Function, Organisation, Role, User
from throughcare.casework.advice import services as advice_services
from throughcare.casework.advice.models import AdviceRequest
from throughcare.casework.requests import services
from throughcare.casework.requests.models import InformationRequest, RecipientKind, Topic
from throughcare.core import clock

__all__ = ["world"]  # the fixture, shared with the person matrix

R = policy.Relation
# Pages that may name the person to the recipient of an open request: the request itself, the
# list of requests to them, and what needs their attention.
NAMING_PAGES = {"casework:request", "casework:requests-to-me", "caseload:attention"}
# ...and, for a request for advice, its page and what needs their attention.
ADVICE_NAMING_PAGES = {"casework:advice-to-me", "caseload:attention"}


def _recipient(world: dict[str, Any], kind: str, make_user: Any) -> tuple[User, dict[str, Any]]:
    if kind == RecipientKind.COLLEAGUE:
        return world["recipient"], {}
    if kind == RecipientKind.PARTNER:
        organisation = Organisation.objects.get(name="Unrelated Partner")
        worker = User.objects.get(organisation=organisation)
        return worker, {"partner": organisation}
    worker = make_user(Role.COM, "other_team", functions=[Function.PROGRAMMES])
    return worker, {"organisation": worker.organisation, "function": Function.PROGRAMMES}


def _send(world: dict[str, Any], kind: str, addressed: dict[str, Any]) -> InformationRequest:
    com, person = world["users"][R.ALLOCATED], world["person"]
    return services.send_request(
        user=com,
        access=policy.Access(com, person, policy.relation(com, person)),
        new=services.NewRequest(
            recipient_kind=kind,
            purpose="Planning release",
            topics=(Topic.BEHAVIOUR,),
            due_on=clock.today() + timedelta(days=7),
            **({"colleague": world["recipient"]} if kind == RecipientKind.COLLEAGUE else addressed),
        ),
    )


def _close(world: dict[str, Any], request: InformationRequest, user: User, how: str) -> None:
    com, person = world["users"][R.ALLOCATED], world["person"]
    if how == "answered":
        services.answer_request(
            user=user,
            request=request,
            reply=services.NewReply(dict.fromkeys(request.topics, "Settled")),
        )
    elif how == "withdrawn":
        access = policy.Access(com, person, policy.relation(com, person))
        services.withdraw_request(user=com, access=access, request=request)


def _failures_on(
    client: Any,
    user: User,
    world: dict[str, Any],
    request: InformationRequest | AdviceRequest,
) -> list[str]:
    """Every page for the recipient of `request` (an information request, or advice)."""
    person = world["person"]
    relation = policy.relation(user, person)
    is_advice = isinstance(request, AdviceRequest)
    world = {**world, ("advice" if is_advice else "request"): request}
    own_page = "casework:advice-to-me" if is_advice else "casework:request"
    naming = ADVICE_NAMING_PAGES if is_advice else NAMING_PAGES
    failures = []
    for name, pattern in named_patterns():
        if name.startswith("admin:"):
            continue
        page = page_for(name, pattern)
        url = reverse(name, kwargs=_kwargs(pattern, world, person))
        response = (
            search(client, person.family_name) if name == "caseload:search" else client.get(url)
        )
        status = expected_status(page, relation, user, item_for(page, world))
        if response.status_code != status:
            failures.append(f"GET {name}: {response.status_code}, expected {status}")
        body = response.content.decode(errors="replace")
        for value in (VICTIM, SENSITIVE, WITHHELD, EXCLUSION_REASON):
            if value in body:
                failures.append(f"GET {name}: shows {value!r}")
        may_name = request.is_open and name in naming
        if RECORD in body and not (may_name and name == own_page):
            failures.append(f"GET {name}: shows the prison number")
        # Other staff may find anyone by name (search, the break-glass question), as today.
        if person.full_name in body and not (may_name or relation == R.OTHER_STAFF):
            failures.append(f"GET {name}: shows the person's name")
    return failures


@pytest.mark.parametrize("how", ["open", "answered", "withdrawn"])
@pytest.mark.parametrize(
    "kind", [RecipientKind.COLLEAGUE, RecipientKind.FUNCTION, RecipientKind.PARTNER], ids=str
)
def test_the_recipient_sees_the_request_only_and_only_while_it_is_open(
    world: dict[str, Any], client_for: Any, make_user: Any, kind: str, how: str
) -> None:
    user, addressed = _recipient(world, kind, make_user)
    request = world["request"] if kind == RecipientKind.COLLEAGUE else _send(world, kind, addressed)
    _close(world, request, user, how)
    request.refresh_from_db()
    client = client_for(user)
    # Their relation to the person is what it was: outside the record.
    assert policy.relation(user, world["person"]) in (R.OTHER_STAFF, R.PARTNER)
    page = client.get(reverse("casework:request", args=[request.pk]))
    assert page.status_code == (200 if how == "open" else 404)
    if how == "open":
        body = page.content.decode()
        assert RECORD in body and world["person"].crn in body
    failures = _failures_on(client, user, world, request)
    assert not failures, "\n".join(failures)


def _specialist(make_user: Any) -> User:
    return make_user(Role.COM, "other_team", functions=[Function.PSYCHOLOGY])


@pytest.mark.parametrize("how", ["open", "answered", "withdrawn"])
def test_a_specialist_outside_the_team_sees_the_advice_request_only_while_it_is_open(
    world: dict[str, Any], client_for: Any, make_user: Any, how: str
) -> None:
    com, person = world["users"][R.ALLOCATED], world["person"]
    specialist = _specialist(make_user)
    asked = advice_services.ask(
        user=com,
        person=person,
        request=advice_services.NewAdviceRequest(
            "psychology",
            "Is there a pattern in his offending?",
            None,
            organisation=specialist.organisation,
            function=Function.PSYCHOLOGY,
        ),
    )
    if how == "answered":
        advice_services.answer(user=specialist, request=asked, text="Yes: under stress.")
    elif how == "withdrawn":
        advice_services.withdraw(user=com, request=asked)
    asked.refresh_from_db()
    client = client_for(specialist)
    assert policy.relation(specialist, person) == R.OTHER_STAFF
    page = client.get(reverse("casework:advice-to-me", args=[asked.pk]))
    assert page.status_code == (200 if how == "open" else 404)
    if how == "open":
        body = page.content.decode()
        assert RECORD in body and person.crn in body and "pattern in his offending" in body
    # The advice page of the record, like every other person page, is not theirs.
    record_page = client.get(reverse("casework:advice", args=[person.pk, asked.pk]))
    assert record_page.status_code == 404
    failures = _failures_on(client, specialist, world, asked)
    assert not failures, "\n".join(failures)
