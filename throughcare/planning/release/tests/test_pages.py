"""The release pages: the two panels of the Plan page, readiness blocked with the unmet
criteria listed, the checklist keeping what was typed on an error, the handover and its
acceptance, and recording the release."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning import ownership
from throughcare.planning.release import queries
from throughcare.planning.release.models import DayOfRelease, Handover, Readiness

from . import helpers

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]


def _url(name: str, person: Person) -> str:
    return reverse(f"release:{name}", args=[person.pk])


def _date(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_the_plan_page_shows_both_panels(
    pom: User, com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    helpers.checklist(pom, person, bank_status="not yet", bank_details="Bank letter requested")
    helpers.handover(pom, person)
    body = client_for(com).get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert 'id="panel-release-readiness"' in body and 'id="panel-release-handover"' in body
    assert body.index("panel-release-readiness") < body.index("panel-release-handover")
    assert "Not ready for release" in body and "Bank letter requested" in body
    assert "Still missing: Bank account" in body
    assert "In custody" in body and "Handover late" in body
    assert _url("accept", person) in body  # the COM may accept it
    assert _url("checklist", person) not in body  # the POM owns the plan
    # The team sees the panels but no links to act.
    team = client_for(make_user(Role.COM, "team")).get(reverse("planning:plan", args=[person.pk]))
    assert "Bank letter requested" in team.content.decode()
    assert _url("accept", person) not in team.content.decode()


def test_readiness_is_refused_with_each_unmet_criterion(
    pom: User, com: User, person: Person, client_for: Clients
) -> None:
    response = client_for(pom).post(_url("readiness", person))
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "No accommodation option chosen yet" in body
    assert "Risk of serious harm not assessed yet" in body
    assert not Readiness.objects.exists()
    # Not the owner: told whose task it is, nothing done.
    body = client_for(com).post(_url("readiness", person)).content.decode()
    assert "Only the prison offender manager who owns the plan can change it" in body
    assert "Only the prison offender manager, who owns the plan" in body


def test_the_checklist_keeps_what_was_typed_on_an_error_then_saves(
    pom: User, person: Person, client_for: Clients
) -> None:
    client = client_for(pom)
    posted = {
        "version": "0",
        "accommodation_status": "in place",
        "accommodation_details": "Approved premises, Northbridge",
        "id_documents": ["passport", "birth certificate"],
        "appointment_who": "named",
        "appointment_name": "",
        "appointment_when": "set",
        **_date("appointment_on", clock.today() + timedelta(days=30)),
        "appointment_time": "half two",
    }
    response = client.post(_url("checklist", person), posted)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter the name of the person they will see" in body
    assert "Enter time of the first appointment as a time of day" in body
    assert "Approved premises, Northbridge" in body and 'value="half two"' in body
    assert not DayOfRelease.objects.exists()
    posted.update({"appointment_name": "Sam Duty", "appointment_time": "2:30pm"})
    response = client.post(_url("checklist", person), posted)
    assert response.status_code == 302
    view = queries.day_of_release_for(person)
    assert view is not None and view.appointment_when == "24 December 2026 at 2:30pm"
    assert view.id_documents == ["Birth certificate", "Passport"]
    # A save from the copy loaded before is refused, keeping what was typed.
    body = client.post(
        _url("checklist", person), {**posted, "accommodation_details": "Changed by me"}
    ).content.decode()
    assert "Someone else saved the checklist" in body and "Changed by me" in body
    assert 'name="version" value="1"' in body  # saving again goes over the newer copy
    assert client.post(_url("checklist", person), {**posted, "version": "1"}).status_code == 302


def test_the_pom_hands_over_and_the_com_accepts(
    pom: User, com: User, person: Person, client_for: Clients
) -> None:
    body = (
        client_for(pom)
        .post(
            _url("handover", person),
            {"version": "0", **_date("handed_over_on", clock.today()), "meeting_held": "no"},
        )
        .content.decode()
    )
    assert "Enter why no meeting was held" in body
    response = client_for(pom).post(
        _url("handover", person),
        {
            "version": "0",
            **_date("handed_over_on", clock.today()),
            "resettlement_plan_shared": "on",
            "meeting_held": "yes",
            **_date("meeting_on", clock.today() - timedelta(days=1)),
        },
    )
    assert response.status_code == 302
    assert Handover.objects.get().resettlement_plan_shared
    body = client_for(com).get(_url("handover", person)).content.decode()
    assert "Only the allocated prison offender manager can record the handover" in body
    body = client_for(com).get(_url("accept", person)).content.decode()
    assert "The resettlement plan shared" in body and "Held on 23 November 2026" in body
    assert client_for(com).post(_url("accept", person)).status_code == 302
    assert ownership.may_change_plans(com, person)


def test_the_com_records_the_release(com: User, person: Person, client_for: Clients) -> None:
    client = client_for(com)
    too_early = clock.today() - timedelta(days=500)
    body = client.post(
        _url("record", person),
        {
            "version": "0",
            **_date("released_on", too_early),
            "slept": "rough sleeping",
            "appointment_kept": "no",
        },
    ).content.decode()
    assert "The date of release must be on or after the sentence date" in body
    assert 'value="rough sleeping" checked' in body
    response = client.post(
        _url("record", person),
        {
            "version": "0",
            **_date("released_on", clock.today()),
            "slept": "rough sleeping",
            "appointment_kept": "no",
        },
    )
    assert response.status_code == 302
    assert queries.stage(person) == "On licence"
    body = client.get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert "On licence" in body and "Rough sleeping" in body
