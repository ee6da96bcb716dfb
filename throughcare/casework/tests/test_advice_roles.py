"""Advice (P14) from a specialist role: a function (psychology, MAPPA coordinator, safeguarding
lead, substance misuse) at a prison or probation team. Every active holder there is told, any
one of them may answer, the advice is recorded on the case sourced to them by name and
function, and the asker is told; a specialist outside the case team sees only the question."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Function, Organisation, Role, User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.casework.advice import services
from throughcare.casework.advice.models import AdviceRequest
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import queries as notifications
from throughcare.notifications.models import Notification
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db

QUESTION = "Is there a pattern in how his offending escalates?"


def _to_role(user: User, person: Person, organisation: Any, function: str) -> AdviceRequest:
    return services.ask(
        user=user,
        person=person,
        request=services.NewAdviceRequest(
            "psychology", QUESTION, None, organisation=organisation, function=function
        ),
    )


def test_the_specialist_functions_exist() -> None:
    assert {"psychology", "MAPPA coordinator", "safeguarding lead", "substance misuse"} <= set(
        Function.values
    )


def test_every_holder_is_told_any_one_answers_and_the_asker_is_told(
    com: User,
    make_user: Callable[..., User],
    person: Person,
    organisations: dict[str, Organisation],
) -> None:
    first = make_user(Role.POM, "other_team", functions=[Function.PSYCHOLOGY])
    second = make_user(Role.COM, "other_team", functions=[Function.PSYCHOLOGY, "security"])
    make_user(Role.COM, "other_team", functions=[Function.PSYCHOLOGY], is_active=False)
    bystander = make_user(Role.COM, "other_team", functions=[Function.SAFEGUARDING_LEAD])
    elsewhere = make_user(Role.COM, "team", functions=[Function.PSYCHOLOGY])
    request = _to_role(com, person, first.organisation, Function.PSYCHOLOGY)
    told = Notification.objects.filter(kind=Notification.Kind.ADVICE_REQUEST)
    assert {n.recipient_id for n in told} == {first.pk, second.pk}
    assert told[0].url == reverse("casework:advice-to-me", args=[request.pk])
    for outsider in (bystander, elsewhere, com):
        assert not services.may_answer(outsider, request)
        with pytest.raises(Refused):
            services.answer(user=outsider, request=request, text="Not mine")
    advice = services.answer(user=second, request=request, text="Yes: under stress at work.")
    assert advice.source_label == (
        f"A colleague: {second.full_name} (Psychology, {organisations['other_team'].name})"
    )
    request.refresh_from_db()
    assert not request.is_open
    assert notifications.count_open(first) == 0 and notifications.count_open(second) == 0
    assert notifications.open_for(com).get().kind == Notification.Kind.ADVICE_GIVEN
    with pytest.raises(Refused):  # answered: the other holder can no longer answer
        services.answer(user=first, request=request, text="Me too")


def test_a_role_must_be_a_function_at_a_prison_or_probation_team(
    com: User, person: Person, organisations: dict[str, Organisation]
) -> None:
    with pytest.raises(Invalid) as partner:
        _to_role(com, person, organisations["partner"], Function.PSYCHOLOGY)
    assert "organisation" in partner.value.fields
    with pytest.raises(Invalid) as nothing:
        _to_role(com, person, organisations["team"], "")
    assert "function" in nothing.value.fields
    assert not AdviceRequest.objects.exists()


def test_withdrawn_advice_closes_and_its_specialists_lose_it(
    com: User, make_user: Callable[..., User], person: Person
) -> None:
    specialist = make_user(Role.COM, "other_team", functions=[Function.MAPPA_COORDINATOR])
    request = _to_role(com, person, specialist.organisation, Function.MAPPA_COORDINATOR)
    with pytest.raises(Refused):
        services.withdraw(user=specialist, request=request)
    services.withdraw(user=com, request=request)
    request.refresh_from_db()
    assert not request.is_open and notifications.count_open(specialist) == 0
    with pytest.raises(Refused):
        services.answer(user=specialist, request=request, text="Too late")


def test_asked_on_the_page_of_the_com_team_by_default_and_answered_outside_the_record(
    client_for: Callable[[User], Client],
    com: User,
    make_user: Callable[..., User],
    person: Person,
    organisations: dict[str, Organisation],
) -> None:
    specialist = make_user(Role.COM, "other_team", functions=[Function.PSYCHOLOGY])
    create = reverse("casework:advice-create", args=[person.pk])
    form = client_for(com).get(create).content.decode()
    assert f'<option value="{organisations["team"].pk}" selected>' in form  # the COM's team
    missing = client_for(com).post(create, {"specialism": "psychology", "ask_of": "role"})
    body = missing.content.decode()
    assert "Select the specialist role to ask" in body and "govuk-error-summary" in body
    sent = client_for(com).post(
        create,
        {
            "specialism": "psychology",
            "ask_of": "role",
            "function": Function.PSYCHOLOGY,
            "organisation": str(organisations["other_team"].pk),
            "question": QUESTION,
        },
    )
    assert sent.status_code == 302
    request = AdviceRequest.objects.get()
    page = reverse("casework:advice-to-me", args=[request.pk])
    shown = client_for(specialist).get(page).content.decode()
    assert QUESTION in shown and person.crn in shown
    consulted = AuditEvent.objects.filter(
        user=specialist, record_type=RecordType.ADVICE_REQUEST, record_id=str(request.pk)
    )
    assert consulted.exists()
    answered = client_for(specialist).post(page, {"text": "Yes: when he loses work."})
    assert answered.status_code == 302
    assert client_for(specialist).get(page).status_code == 404
    record = client_for(com).get(reverse("casework:advice", args=[person.pk, request.pk]))
    assert "Yes: when he loses work." in record.content.decode()
