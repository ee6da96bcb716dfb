"""The caseload's flags and column: "Day of release not ready" (release within 14 days of
today and a need not in place, or no first appointment), "Handover late" (past its due date
and not accepted), and the "Stage" column."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User
from throughcare.core import clock
from throughcare.people import services as people_services
from throughcare.people.commands import NewSentence
from throughcare.people.models import Person
from throughcare.planning.release import facts, queries, services
from throughcare.planning.tests.helpers import locked_assessment

from . import helpers

pytestmark = pytest.mark.django_db
People = Callable[..., Person]


def test_a_missing_need_is_flagged_two_weeks_before_release(
    pom: User, com: User, make_person: People
) -> None:
    nothing = make_person(release_in_days=10)
    complete = make_person(release_in_days=14)
    helpers.checklist(pom, complete)
    bank_not_yet = make_person(release_in_days=0)
    helpers.checklist(pom, bank_not_yet, bank_status="not yet")
    no_appointment = make_person(release_in_days=7)
    helpers.checklist(pom, no_appointment, appointment_who="", appointment_when="")
    later = make_person(release_in_days=15)
    released = make_person(release_in_days=3)
    helpers.release(com, released)
    ids = [p.pk for p in (nothing, complete, bank_not_yet, no_appointment, later, released)]
    assert set(queries.day_of_release_not_ready(ids)) == {
        nothing.pk,
        bank_not_yet.pk,
        no_appointment.pk,
    }
    # Not needed counts as done; putting the bank account in place clears the flag.
    helpers.checklist(pom, bank_not_yet, version=1, bank_status="in place", gp_status="not needed")
    assert bank_not_yet.pk not in queries.day_of_release_not_ready(ids)


def test_a_handover_past_its_due_date_and_not_accepted_is_late(
    pom: User, com: User, make_person: People
) -> None:
    due_past = make_person(release_in_days=30)  # due 4.5 months before the CRD: past
    due_later = make_person(release_in_days=400)
    accepted = make_person(release_in_days=30)
    helpers.handover(pom, accepted)
    services.accept_handover(user=com, person=accepted)
    recorded_not_accepted = make_person(release_in_days=30)
    helpers.handover(pom, recorded_not_accepted)
    no_pom = make_person(release_in_days=30, pom=None)
    ids = [p.pk for p in (due_past, due_later, accepted, recorded_not_accepted, no_pom)]
    assert set(queries.handover_late(ids)) == {due_past.pk, recorded_not_accepted.pk}


def test_a_mappa_level_two_or_three_moves_the_handover_and_released_people_are_not_late(
    pom: User, com: User, make_person: People
) -> None:
    """At MAPPA level 2 or 3 the handover is due 7 months and 15 days before release, or today
    if that is past: never late. The level is read from the current assessment, and a person
    already released has no handover to be late."""
    mappa = make_person(release_in_days=100)
    locked_assessment(com, mappa, contributions={"mappa_category": "2", "mappa_level": "2"})
    not_mappa = make_person(release_in_days=100)
    locked_assessment(com, not_mappa, contributions={"mappa_category": "none"})
    released = make_person(release_in_days=30)
    helpers.release(com, released)
    ids = [mappa.pk, not_mappa.pk, released.pk]
    assert facts.mappa_levels(ids) == {mappa.pk: "2", not_mappa.pk: ""}
    assert queries.handover_late(ids) == [not_mappa.pk]
    assert set(queries.handovers_pending(ids)) == {mappa.pk, not_mappa.pk}


def test_the_latest_current_sentence_gives_the_due_date(
    pom: User, com: User, make_person: People
) -> None:
    person = make_person(release_in_days=400)  # due in about 9 months: not late
    assert queries.handover_late([person.pk]) == []
    people_services.add_sentence(
        user=com,
        person=person,
        sentence=NewSentence.from_cleaned(
            {
                "sentence_type": "sds",
                "sentence_date": clock.today() - timedelta(days=10),
                "crd": clock.today() + timedelta(days=30),
                "sed": clock.today() + timedelta(days=400),
            }
        ),
    )
    assert queries.handover_late([person.pk]) == [person.pk]


def test_the_late_handover_flag_reads_a_page_in_two_queries(
    pom: User, com: User, make_person: People, django_assert_max_num_queries: Any
) -> None:
    people = [make_person(release_in_days=30 + n) for n in range(4)]
    locked_assessment(com, people[0])
    with django_assert_max_num_queries(2):
        assert set(queries.handover_late([p.pk for p in people])) == {p.pk for p in people}
    with django_assert_max_num_queries(0):
        assert queries.handover_late([]) == []


def test_the_caseload_shows_the_flags_and_the_stage(
    pom: User, com: User, make_person: People, client_for: Callable[[User], Client]
) -> None:
    soon = make_person(release_in_days=5)
    released = make_person(release_in_days=400)
    helpers.release(com, released)
    body = client_for(com).get(reverse("caseload:caseload")).content.decode()
    assert "Day of release not ready" in body and "Handover late" in body
    assert ">Stage<" in body or "Stage</" in body
    assert body.count("On licence") == 1 and "In custody" in body
    assert soon.family_name in body
