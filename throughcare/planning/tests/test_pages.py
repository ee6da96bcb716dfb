"""The Options section's pages: the section, an option with its conflicts worded for the
reader, the comparison, the evaluation beside the assessment, errors that keep what was typed,
advice asked on an option, and the caseload's "Open barrier" flag."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.people.models import Person
from throughcare.planning import services
from throughcare.planning.models import Option

from .helpers import VICTIM_NAME, VICTIM_POSTCODE, locked_assessment, option, victim

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]


def _url(name: str, person: Person, *args: object) -> str:
    return reverse(f"planning:{name}", args=[person.pk, *args])


def test_the_section_lists_options_criteria_and_open_barriers(
    com: User, person: Person, client_for: Clients
) -> None:
    option(com, person)
    services.record_barrier(
        user=com,
        person=person,
        data={"kind": "community", "description": "Residents' petition against the hostel"},
    )
    body = client_for(com).get(_url("options", person)).content.decode()
    assert 'href="' + _url("options", person) + '"' in body  # in the sub-navigation
    assert "His mother&#x27;s flat" in body
    assert "Residents&#x27; petition against the hostel" in body
    assert "Somewhere to live confirmed for the night of release" in body
    assert "No accommodation option chosen yet" in body
    assert "No risk management plan yet" not in body  # not assessed: says so instead
    assert "Risk of serious harm not assessed yet" in body


def test_the_conflict_names_the_victim_only_to_those_who_may_see_victims(
    com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    victim(com, person)
    item = option(com, person, postcode=VICTIM_POSTCODE)
    team = make_user(Role.COM, "team")
    for user, named in ((com, True), (team, False)):
        for page in (_url("option", person, item.pk), _url("compare", person, "accommodation")):
            body = client_for(user).get(page).content.decode()
            assert "Conflicts with a victim&#x27;s safety" in body
            assert (VICTIM_NAME in body) is named
            assert "Former partner" not in body


def test_the_options_of_one_kind_side_by_side(
    com: User, person: Person, client_for: Clients
) -> None:
    first = option(com, person)
    option(com, person, title="Safe Harbour hostel", postcode="NB7 1AA")
    services.evaluate(
        user=com,
        option=first,
        answers={"p25_2_rating": "for", "p25_2_evidence": "Away from his old associates"},
        source=services.source_from({"source_kind": "person"}),
    )
    body = client_for(com).get(_url("compare", person, "accommodation")).content.decode()
    assert body.count('<th scope="col"') >= 3  # the point and two options
    assert "Away from his old associates" in body and "Not evaluated" in body
    assert client_for(com).get(_url("compare", person, "nonsense")).status_code == 404


def test_an_option_with_no_kind_is_a_clear_error_keeping_what_was_typed(
    com: User, person: Person, client_for: Clients
) -> None:
    response = client_for(com).post(
        _url("option-create", person),
        {"title": "Brother's house", "address": "4 Elm Row", "postcode": "NB1 2CD"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Select the kind of option" in body
    assert "Brother&#x27;s house" in body and "4 Elm Row" in body
    assert not Option.objects.exists()


def test_an_evaluation_without_evidence_is_refused_beside_the_assessment(
    com: User, person: Person, client_for: Clients
) -> None:
    locked_assessment(com, person)
    item = option(com, person)
    page = _url("option-evaluate", person, item.pk)
    shown = client_for(com).get(page).content.decode()
    assert "Overall risk of serious harm: <strong>Low</strong>" in shown
    assert "Needs, by pathway" in shown and "Severe" in shown
    response = client_for(com).post(
        page,
        {
            "p25_3_rating": "against",
            "p25_3_evidence": "",
            "p25_4_evidence": "Finished the course",
            "source_kind": "person",
            "obtained_on_day": "1",
            "obtained_on_month": "11",
            "obtained_on_year": "2026",
        },
    )
    body = response.content.decode()
    assert "Enter the evidence for P25.3" in body
    assert "Select how P25.4 weighs the option" in body
    assert "Finished the course" in body
    assert not item.evaluations.exists()


def test_choosing_a_conflicting_option_on_the_page_needs_the_reason(
    com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    make_user(Role.SPO, "team")
    victim(com, person)
    item = option(com, person, postcode=VICTIM_POSTCODE)
    page = _url("option-choose", person, item.pk)
    body = client_for(com).post(page, {"reasoning": "Family support"}).content.decode()
    assert "Enter why you chose it despite the conflicts" in body
    assert "Family support" in body
    done = client_for(com).post(
        page, {"reasoning": "Family support", "conflict_reason": "Victim has moved"}
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == Option.Status.AWAITING_AGREEMENT


def test_advice_on_an_option_is_asked_with_the_question_filled_in_and_kept_with_it(
    com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    spo = make_user(Role.SPO, "team")
    item = option(com, person)
    page = _url("option-advice", person, item.pk)
    shown = client_for(com).get(page).content.decode()
    assert "Advice on a release option (where to live): His mother&#x27;s flat." in shown
    response = client_for(com).post(
        page,
        {
            "specialism": "management oversight",
            "ask_of": "colleague",
            "adviser": str(spo.pk),
            "question": "Is the flat suitable?",
        },
    )
    assert response.status_code == 302
    assert item.advice_requests.get().question == "Is the flat suitable?"


def test_partners_and_other_teams_do_not_see_the_options(
    com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    option(com, person)
    assert (
        client_for(make_user(Role.PARTNER, "partner")).get(_url("options", person)).status_code
        == 404
    )
    assert client_for(make_user(Role.COM, "other_team")).get(
        _url("options", person)
    ).status_code in (302, 404)


def test_the_caseload_flags_an_open_barrier(com: User, person: Person, client_for: Clients) -> None:
    services.record_barrier(
        user=com,
        person=person,
        data={"kind": "organisational", "description": "No approved premises bed before release"},
    )
    body = client_for(com).get(reverse("caseload:caseload")).content.decode()
    assert "Open barrier" in body
