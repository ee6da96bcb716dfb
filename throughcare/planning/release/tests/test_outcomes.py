"""Recording the outcomes after release (issue 16 point 2): the allocated community offender
manager only, once the release is recorded; dates not before the release nor in the future;
a stale save refused; audited as a collection then an alteration; the page keeps what was
typed on an error; the Plan page shows the outcomes; the subject access copy includes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.people.models import Person
from throughcare.planning.release import services, subject_access
from throughcare.planning.release.models import Outcome

from . import helpers

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]


def _record(user: User, person: Person, version: int = 0, **data: Any) -> Outcome:
    return services.record_outcome(
        user=user,
        person=person,
        data={"in_work_at_six_weeks": "", "recalled_on": None, "reoffence_on": None, **data},
        expected_version=version,
    )


def _date(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_outcomes_need_the_release_and_the_allocated_com(
    com: User, pom: User, person: Person, make_user: Callable[..., User]
) -> None:
    with pytest.raises(Invalid, match="Record the release before its outcomes"):
        _record(com, person, in_work_at_six_weeks="yes")
    helpers.release(com, person, released_on=clock.today() - timedelta(days=60))
    for other in (pom, make_user(Role.COM, "team"), make_user(Role.SPO, "team")):
        with pytest.raises(Refused, match="Only the allocated community offender manager"):
            _record(other, person, in_work_at_six_weeks="yes")
    assert not Outcome.objects.exists()


def test_dates_are_checked_against_the_release_and_today(com: User, person: Person) -> None:
    released = clock.today() - timedelta(days=60)
    helpers.release(com, person, released_on=released)
    with pytest.raises(Invalid) as refused:
        _record(
            com,
            person,
            in_work_at_six_weeks="perhaps",
            recalled_on=released - timedelta(days=1),
            reoffence_on=clock.today() + timedelta(days=1),
        )
    assert refused.value.fields == {
        "in_work_at_six_weeks": [
            "Select whether they were in work or training six weeks after release"
        ],
        "recalled_on": [
            f"Date recalled to custody must be on or after the date of release, "
            f"{released.day} {released:%B %Y}"
        ],
        "reoffence_on": ["Date of the new offence must be today or in the past"],
    }
    assert not Outcome.objects.exists()
    # The day of release and today are both allowed.
    saved = _record(com, person, recalled_on=released, reoffence_on=clock.today())
    assert saved.recalled_on == released and saved.reoffence_on == clock.today()


def test_recorded_then_changed_audited_and_stale_refused(com: User, person: Person) -> None:
    helpers.release(com, person, released_on=clock.today() - timedelta(days=60))
    first = _record(com, person, in_work_at_six_weeks="no")
    assert first.version == 1 and first.in_work_at_six_weeks == "no"
    with pytest.raises(Stale):
        _record(com, person, in_work_at_six_weeks="yes")  # loaded before the first save
    recall = clock.today() - timedelta(days=10)
    changed = _record(com, person, version=1, in_work_at_six_weeks="yes", recalled_on=recall)
    assert changed.version == 2 and changed.recalled_on == recall
    events = AuditEvent.objects.filter(record_type=RecordType.RELEASE_OUTCOME).order_by("id")
    assert [e.operation for e in events] == ["collection", "alteration"]
    assert {e.person_id for e in events} == {person.pk}
    assert Outcome.objects.count() == 1


def test_the_page_keeps_what_was_typed_then_saves_and_the_plan_shows_it(
    com: User, person: Person, client_for: Clients, make_user: Callable[..., User]
) -> None:
    released = clock.today() - timedelta(days=60)
    helpers.release(com, person, released_on=released)
    client = client_for(com)
    url = reverse("release:outcomes", args=[person.pk])
    plan = client.get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert url in plan and "Outcomes after release" in plan
    response = client.post(
        url,
        {
            "version": "0",
            "in_work_at_six_weeks": "yes",
            **_date("recalled_on", released - timedelta(days=3)),
            "reoffence_on_day": "31",
            "reoffence_on_month": "2",
            "reoffence_on_year": "2026",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Date recalled to custody must be on or after the date of release" in body
    assert "Date of the new offence must be a real date" in body
    assert 'value="yes" checked' in body and 'value="31"' in body
    assert not Outcome.objects.exists()
    recall = released + timedelta(days=20)
    response = client.post(
        url, {"version": "0", "in_work_at_six_weeks": "no", **_date("recalled_on", recall)}
    )
    assert response.status_code == 302
    saved = Outcome.objects.get(person=person)
    assert saved.in_work_at_six_weeks == "no" and saved.recalled_on == recall
    assert saved.reoffence_on is None
    plan = client.get(reverse("planning:plan", args=[person.pk])).content.decode()
    assert f"{recall.day} {recall:%B %Y}" in plan
    # A colleague in the team reads the Plan page but may not open the form.
    assert client_for(make_user(Role.COM, "team")).get(url).status_code == 403


def test_the_page_before_the_release_says_to_record_it_first(
    com: User, person: Person, client_for: Clients
) -> None:
    body = client_for(com).get(reverse("release:outcomes", args=[person.pk])).content.decode()
    assert "Record the release before its outcomes" in body
    assert 'name="recalled_on_day"' not in body


def test_the_subject_access_copy_includes_the_outcomes(com: User, person: Person) -> None:
    released = clock.today() - timedelta(days=60)
    helpers.release(com, person, released_on=released)
    section = subject_access.PART.sections[0]
    assert section.build(person)["outcomes_after_release"] is None
    _record(com, person, in_work_at_six_weeks="not known", reoffence_on=clock.today())
    assert section.build(person)["outcomes_after_release"] == {
        "in_work_or_training_at_six_weeks": "Not known",
        "recalled_on": None,
        "new_offence_proven_on": clock.today(),
    }
    assert subject_access.PART.covers["release.Outcome"] == "release"
