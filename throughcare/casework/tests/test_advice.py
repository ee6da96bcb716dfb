"""Advice (P14): asked of a named colleague who can already see the record, who is told and
answers; the advice joins the record sourced to them by name and role, and the asker is
told."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from throughcare.access import services as access_services
from throughcare.access.commands import Exclusion
from throughcare.access.models import Role, User
from throughcare.casework.advice import services
from throughcare.casework.advice.models import AdviceRequest
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import queries as notifications
from throughcare.notifications.models import Notification
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db

QUESTION = "Is a curfew proportionate given his shift work at the bakery?"


def _ask(user: User, person: Person, adviser: User, **changes: Any) -> AdviceRequest:
    values: dict[str, Any] = {
        "specialism": AdviceRequest.Specialism.OVERSIGHT,
        "question": QUESTION,
        "adviser": adviser,
        **changes,
    }
    return services.ask(user=user, person=person, request=services.NewAdviceRequest(**values))


def test_asked_answered_sourced_and_each_side_told_after_commit(
    com: User,
    make_user: Callable[..., User],
    person: Person,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    spo = make_user(Role.SPO, "team")
    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(com, person, spo)
    assert [m.to for m in mail.outbox] == [[spo.email]] and QUESTION not in mail.outbox[0].body
    assert notifications.open_for(spo).get().kind == Notification.Kind.ADVICE_REQUEST
    with pytest.raises(Refused):
        services.answer(user=com, request=request, text="Yes")
    with pytest.raises(Invalid):
        services.answer(user=spo, request=request, text="   ")
    with django_capture_on_commit_callbacks(execute=True):
        advice = services.answer(user=spo, request=request, text="Yes, with an exemption.")
    assert advice.source_label == f"A colleague: {spo.full_name} (Senior probation officer)"
    assert notifications.count_open(spo) == 0
    assert notifications.open_for(com).get().kind == Notification.Kind.ADVICE_GIVEN
    assert mail.outbox[-1].to == [com.email]
    # Answering again (a form sent twice) writes nothing new.
    assert services.answer(user=spo, request=request, text="Changed my mind") == advice


def test_advice_can_be_asked_only_of_someone_who_can_already_see_the_record(
    com: User, make_user: Callable[..., User], person: Person
) -> None:
    spo = make_user(Role.SPO, "team")
    colleague = make_user(Role.POM, "prison")
    outsider = make_user(Role.COM, "other_team")
    excluded = make_user(Role.COM, "team")
    access_services.exclude_user(
        by=spo, person=person, exclusion=Exclusion(user=excluded, reason="Lives next door")
    )
    offered = services.advisers(person, com)
    assert spo in offered and colleague in offered
    assert outsider not in offered and excluded not in offered and com not in offered
    for wrong in (outsider, excluded, com):
        with pytest.raises(Invalid):
            _ask(com, person, wrong)
    assert not AdviceRequest.objects.exists()


def test_the_adviser_answers_on_the_page_and_others_cannot(
    client_for: Callable[[User], Client], com: User, make_user: Callable[..., User], person: Person
) -> None:
    spo = make_user(Role.SPO, "team")
    request = _ask(com, person, spo)
    url = reverse("casework:advice", args=[person.pk, request.pk])
    assert client_for(com).post(url, {"text": "My own answer"}).status_code == 403
    page = client_for(spo).post(url, {"text": ""}).content.decode()
    assert "Enter your advice" in page and "govuk-error-summary" in page
    assert client_for(spo).post(url, {"text": "Speak to the employer first."}).status_code == 302
    shown = client_for(com).get(url).content.decode()
    assert "Speak to the employer first." in shown and spo.full_name in shown
    assert notifications.count_open(com) == 0  # reading the advice closes "advice given"
    listing = client_for(com).get(reverse("casework:concerns", args=[person.pk])).content
    assert b"Answered" in listing
